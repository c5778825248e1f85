@echo off
rem Headless command line of Diffusion Playground on Windows: playground --help, playground train --help
setlocal EnableDelayedExpansion
cd /d "%~dp0"
set "JAR="
for %%f in (target\diffusion-playground-*.jar) do (
  echo %%~nf | findstr /r /c:"-sources$" /c:"-tests$" >nul || set "JAR=%%f"
)
if not defined JAR goto build
if not exist target\lib goto build
goto run
:build
echo playground: building the jar once (mvnw -q -DskipTests package) ... 1>&2
call mvnw.cmd -q -DskipTests package 1>&2 || exit /b 1
for %%f in (target\diffusion-playground-*.jar) do (
  echo %%~nf | findstr /r /c:"-sources$" /c:"-tests$" >nul || set "JAR=%%f"
)
:run
rem libgomp's default active waiting makes two OpenMP pools fight over few cores; read at library load.
if not defined OMP_WAIT_POLICY set "OMP_WAIT_POLICY=PASSIVE"
rem (OPENBLAS_CORETYPE=SkylakeX is only set by the bash launcher, which can read /proc/cpuinfo.)
rem The jar's manifest lists the libraries of the build that made it: the jar alone is the class path.
java --add-modules jdk.incubator.vector -Xss4m -Djava.awt.headless=true -cp "%JAR%" org.diffusionplayground.cli.PlaygroundCli %*
exit /b %ERRORLEVEL%
