package org.diffusionplayground.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notice of a written file names the file and its folder; "Open folder" runs each desktop's own file
 * manager command, and only where that command exists; without one the notice says where the file is.
 */
class JobNoticesTest {

    @TempDir
    Path dir;

    @Test
    void theNoticeNamesTheFileAndItsFolderAndSaysSoWhereNoFolderCanBeOpened() {
        Path file = dir.resolve("lecture.mp4");
        assertEquals("lecture.mp4\nin " + dir.toAbsolutePath(), JobNotices.text(file, true));
        String without = JobNotices.text(file, false);
        assertTrue(without.startsWith("lecture.mp4\nSaved in " + dir.toAbsolutePath()), without);
        assertTrue(without.contains("no way to open folders"), without);
    }

    @Test
    void eachDesktopOpensTheFolderWithItsOwnFileManager() {
        Path folder = dir.toAbsolutePath();
        assertEquals(List.of("explorer.exe", folder.toString()), JobNotices.openCommand("Windows 11", folder));
        assertEquals(List.of("open", folder.toString()), JobNotices.openCommand("Mac OS X", folder));
        assertEquals(List.of("xdg-open", folder.toString()), JobNotices.openCommand("Linux", folder));
        assertNull(JobNotices.openCommand("SunOS", folder));
    }

    @Test
    void openFolderIsOfferedOnlyWhereTheCommandIsOnThePath() throws Exception {
        assertFalse(JobNotices.onPath("xdg-open", dir.toString()), "an empty folder on the PATH");
        assertFalse(JobNotices.onPath("xdg-open", null));
        Path program = Files.createFile(dir.resolve("xdg-open"));
        assertFalse(JobNotices.onPath("xdg-open", "/nowhere" + File.pathSeparator + dir), "not executable");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertTrue(JobNotices.onPath("xdg-open", "/nowhere" + File.pathSeparator + dir));
        assertTrue(JobNotices.onPath("explorer.exe", null), "Windows' own");
    }
}
