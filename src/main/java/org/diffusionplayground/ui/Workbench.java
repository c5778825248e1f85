package org.diffusionplayground.ui;

import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.diffusionplayground.app.ExportViewModel;
import org.diffusionplayground.app.SamplerLabViewModel;
import org.diffusionplayground.app.TrainingViewModel;
import org.diffusionplayground.app.window.PlaygroundViewModels;
import org.diffusionplayground.model.train.TrainingJob;
import org.diffusionplayground.preset.lesson.LessonControl;
import org.diffusionplayground.scene.lens.Lens;
import org.diffusionplayground.ui.kit.Controls;
import org.diffusionplayground.ui.kit.Deferred;
import org.diffusionplayground.ui.lab.SamplerLabPanel;
import org.diffusionplayground.ui.lens.LensCharts;
import org.diffusionplayground.ui.lens.LensPanel;

/**
 * Assembles the whole window from the view-models: the main window (scene, sampler, data, overlays,
 * playback), the data-and-training panel on the left, and on the right the analysis — likelihood in 𝔥
 * and the training loss — plus the frame-time readout (F2). The app and the UI tests open the same
 * window through here.
 */
public final class Workbench {

    /** Width of the analysis column at 1920 px: room for the charts' axis labels in lecture mode. */
    static final double ANALYSIS_WIDTH = 560;

    private final PlaygroundViewModels vms;
    private final MainWindow window;
    private final Deferred<TrainingPanel> trainingPanel;
    private final Deferred<LossTab> lossTab;
    private final Deferred<LikelihoodPanel> likelihoodPanel;
    private final Deferred<LensCharts> lensCharts;
    private final Deferred<SamplerLabPanel> labPanel;
    private final Deferred<LensPanel> lensPanel;
    /** The deferred parts in the order they are built after the first frame. */
    private final List<Deferred<?>> parts;
    private final TabPane analysis = new TabPane();
    private final Tab likelihoodTab;
    private final Tab trainingTab;
    private final Tab lensTab;
    private final Label diagnostics = new Label();
    private final Timeline diagnosticsTimer;
    private final DocumentActions documents;

    /** The whole window, every part built now (the UI tests' window). */
    public Workbench(PlaygroundViewModels vms) {
        this(vms, false);
    }

    /**
     * The window as the app opens it: the parts nobody sees at first (tabs not selected, closed panels)
     * are built when first opened or by {@link #finishBuilding}, after the first frame.
     */
    static Workbench forStart(PlaygroundViewModels vms) {
        return new Workbench(vms, true);
    }

    private Workbench(PlaygroundViewModels vms, boolean deferred) {
        this.vms = vms;
        window = new MainWindow(vms.app(), vms.scene(), vms.data());

        trainingPanel = Deferred.node(() -> new TrainingPanel(vms.training()), n -> { }); // placed just below
        // the data panel sits above training: pick data, then train it, in one place
        TitledPane training = new TitledPane("Data & training", null);
        Deferred<VBox> dataAndTraining = Deferred.node(() -> new VBox(10, new DataPanel(vms.data()), new Separator(),
                trainingPanel.get()), training::setContent);
        training.setId("panel-training");
        window.addPanel(training, 0);

        likelihoodTab = new Tab("Likelihood in 𝔥");
        likelihoodPanel = Deferred.node(() -> new LikelihoodPanel(vms.likelihood(), vms.scene(),
                vms.app().themeProperty()), likelihoodTab::setContent);
        likelihoodTab.setId("tab-likelihood");
        // with "Click a point" on, a click on the scene explains that point rather than launching a path from it
        window.scenePane().onWorldClickProperty().set((x, y) -> {
            if (vms.likelihood().pickProperty().get()) {
                analysis.getSelectionModel().select(likelihoodTab);
                vms.likelihood().explain(x, y);
            } else {
                vms.scene().launchPath(x, y);
            }
        });
        trainingTab = new Tab("Training loss");
        lossTab = new Deferred<>(() -> LossTab.of(vms), LossTab::node, trainingTab::setContent);
        trainingTab.setId("tab-training");
        lensTab = new Tab("Lenses");
        lensCharts = Deferred.node(() -> new LensCharts(vms.lenses(), vms.scene(), vms.app().themeProperty()),
                lensTab::setContent);
        lensTab.setId("tab-lenses");
        Tab labTab = new Tab("Sampler lab");
        labPanel = Deferred.node(() -> new SamplerLabPanel(new SamplerLabViewModel(vms.scene(), vms.jobs()),
                vms.app().themeProperty()), labTab::setContent);
        labTab.setId("tab-sampler-lab");
        analysis.getTabs().addAll(likelihoodTab, trainingTab, lensTab, labTab);
        TitledPane lenses = new TitledPane("Lenses", null);
        lensPanel = Deferred.node(() -> new LensPanel(vms.lenses(), vms.scene()), lenses::setContent);
        lenses.setId("panel-lenses");
        window.addPanel(lenses, 3);
        java.util.Map<Tab, Deferred<?>> tabParts = java.util.Map.of(likelihoodTab, likelihoodPanel, trainingTab, lossTab,
                lensTab, lensCharts, labTab, labPanel);
        analysis.getSelectionModel().selectedItemProperty().addListener((obs, old, tab) -> {
            if (tab != null) {
                tabParts.get(tab).get(); // a tab is built when it is first shown
            }
        });
        dataAndTraining.builtWhenOpened(training);
        lensPanel.builtWhenOpened(lenses);
        // first what is on screen when the window is large: the open sampler panel, the selected tab
        List<Deferred<?>> all = new java.util.ArrayList<>(window.deferredParts());
        all.addAll(1, List.of(likelihoodPanel));
        all.addAll(List.of(dataAndTraining, lossTab, lensPanel, lensCharts, labPanel));
        parts = List.copyOf(all);
        for (Lens l : LensCharts.CHARTED) {
            vms.lenses().enabledProperty(l).addListener((obs, was, on) -> {
                if (on) {
                    analysis.getSelectionModel().select(lensTab);
                }
            });
        }
        analysis.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        analysis.setPrefWidth(ANALYSIS_WIDTH);
        analysis.setMinWidth(380);
        analysis.getStyleClass().add("analysis");
        window.setRight(analysis);
        vms.training().stateProperty().addListener((obs, old, s) -> {
            if (s == TrainingJob.State.RUNNING && !isRunning(old)) {
                analysis.getSelectionModel().select(trainingTab);
            }
        });

        addDensityToggle();
        diagnostics.setId("frame-diagnostics");
        diagnostics.getStyleClass().add("diagnostics");
        diagnostics.setVisible(false);
        diagnostics.managedProperty().bind(diagnostics.visibleProperty());
        Controls.tipped(diagnostics, "Frame timings of the scene (F2): render time per frame and the interval between "
                + "two pulses of the UI thread; goals: p95 ≤ 16.7 ms (60 fps), no stall over 100 ms.");
        window.addToolBarItems(List.of(diagnostics));

        documents = new DocumentActions(vms.document(), vms.exports(), vms.data(), vms.app());
        documents.setLessons(vms.lessons());
        window.addAbovePlayback(new LessonBar(vms.lessons()).root());
        window.keys().setSteps(new PresenterKeys.Steps() {
            @Override
            public boolean isOpen() {
                return vms.lessons().isOpen();
            }

            @Override
            public void next() {
                vms.lessons().next();
            }

            @Override
            public void previous() {
                vms.lessons().previous();
            }
        });
        window.addToolBarItemAfterTitle(documents.menu());
        vms.exports().setWindowSize(window.scenePane().pixelSize());
        vms.exports().charts().addAll(new ExportViewModel.ChartTarget("Likelihood in 𝔥 (chart)",
                () -> likelihoodPanel.get().chart().chart()), new ExportViewModel.ChartTarget("W2 versus 𝔥 (chart)",
                () -> likelihoodPanel.get().w2Chart().getChart()), new ExportViewModel.ChartTarget(
                        "Training loss (chart)", () -> lossTab.get().chart().chart()),
                new ExportViewModel.ChartTarget("Sampler lab: error versus NFE (chart)",
                        () -> labPanel.get().chart()));
        // the lens charts' own list, before the sampler lab's chart, once they exist
        lensCharts.whenBuilt(c -> vms.exports().charts().addAll(3, c.exportTargets()));
        vms.document().setPanelOpener(names -> names.forEach(this::openPanel));
        followDocumentTitle();
        vms.lessons().visibleControls().addListener((javafx.collections.SetChangeListener<LessonControl>) c ->
                showOnly(vms.lessons().visibleControls()));
        diagnosticsTimer = new Timeline(new KeyFrame(Duration.millis(500),
                e -> diagnostics.setText(readout(window.frames().stats()))));
        diagnosticsTimer.setCycleCount(Timeline.INDEFINITE);
        if (!deferred) {
            parts.forEach(Deferred::get);
        }
    }

    /**
     * Presentation mode's title and caption are the open preset's title and description (a lesson sets its
     * step's instead): taken when another preset opens, not on every change of the window's title.
     */
    private void followDocumentTitle() {
        String[] shown = {null};
        Runnable take = () -> {
            // an untitled scene has no title to show: the scene's own heading says what it is
            String title = vms.document().fileProperty().get() == null ? "" : vms.document().title();
            if (!java.util.Objects.equals(title, shown[0])) {
                shown[0] = title;
                vms.app().slideTitleProperty().set(title == null ? "" : title);
                String d = vms.document().fileProperty().get() == null ? "" : vms.document().description();
                vms.app().captionProperty().set(d == null ? "" : d);
            }
        };
        // a lesson step's title and caption win over its preset's
        vms.lessons().currentProperty().addListener((obs, old, step) -> {
            if (step != null) {
                vms.app().slideTitleProperty().set(step.title());
                vms.app().captionProperty().set(step.caption());
            }
        });
        vms.document().windowTitleProperty().addListener(x -> take.run());
        vms.document().fileProperty().addListener(x -> take.run());
        take.run();
    }

    /**
     * A lesson step shows only the controls it names: the playback bar, the left panels (the sampler's
     * while 𝔥 or the sampler is named) and the analysis tabs; the 𝔥 slider is greyed when only the
     * sampler's other settings are named. Without a lesson every control is named.
     */
    private void showOnly(java.util.Set<LessonControl> on) {
        window.playback().setVisible(on.contains(LessonControl.PLAYBACK));
        window.playback().setManaged(on.contains(LessonControl.PLAYBACK));
        window.showPanel("panel-sampler", on.contains(LessonControl.SAMPLER) || on.contains(LessonControl.H));
        window.samplerPanel().hSlider().setDisable(!on.contains(LessonControl.H));
        window.showPanel("panel-training", on.contains(LessonControl.DATA) || on.contains(LessonControl.TRAINING));
        window.showPanel("panel-overlays", on.contains(LessonControl.OVERLAYS));
        window.showPanel("panel-lenses", on.contains(LessonControl.LENSES));
        likelihoodTab.setDisable(!on.contains(LessonControl.LIKELIHOOD));
        lensTab.setDisable(!on.contains(LessonControl.LENSES));
        trainingTab.setDisable(!on.contains(LessonControl.TRAINING));
    }

    /** The model-density heatmap's switch and progress, among the overlay toggles. */
    private void addDensityToggle() {
        window.withOverlayPanel(this::addDensityToggle);
    }

    private void addDensityToggle(OverlayPanel panel) {
        CheckBox density = OverlayPanel.toggle("Model density at 𝔥 (Fokker–Planck grid)", vms.density().showProperty(),
                "show-density", "The density of the sampler at the current 𝔥 and t, solved on a 256² grid in the "
                        + "background: ∂_t q = −∇·(F_𝔥 q) − (𝔥g²/2)Δq from the prior at T. Colour = log q, "
                        + "lowest e⁻⁹ of the peak left clear.");
        Label densityStatus = new Label();
        densityStatus.getStyleClass().add("status-line");
        densityStatus.setWrapText(true);
        densityStatus.textProperty().bind(vms.density().activity().statusProperty());
        densityStatus.visibleProperty().bind(vms.density().activity().statusProperty().isNotEmpty());
        densityStatus.managedProperty().bind(densityStatus.visibleProperty());
        panel.add(density, densityStatus);
    }

    private static boolean isRunning(TrainingJob.State s) {
        return s == TrainingJob.State.RUNNING || s == TrainingJob.State.PAUSED;
    }

    static String readout(FrameTimeRecorder.FrameStats s) {
        if (s.frames() == 0) {
            return "no frames yet";
        }
        return String.format(java.util.Locale.ROOT, "frame p95 %.1f ms (UI-thread CPU %.1f ms) · longest stall %.0f ms",
                s.intervalP95(), s.frameCpuP95(), s.maxIntervalMs());
    }

    /** Theme, panels and actions asked for on the command line. */
    void apply(StartOptions o) {
        vms.app().darkProperty().set(o.dark());
        vms.app().lectureProperty().set(o.lecture());
        if (o.panel() != null) {
            window.expandPanel("panel-" + o.panel());
        }
        if ("training".equals(o.analysis())) {
            showTraining();
        } else if ("likelihood".equals(o.analysis())) {
            showLikelihood();
        }
        vms.likelihood().showCorrectionMapProperty().set(o.map());
        if (o.closeUp()) {
            likelihoodPanel.get().showCloseUp(true);
        }
        vms.density().showProperty().set(o.density());
        if (o.particles() != null) {
            vms.scene().requestParticles(o.particles());
        }
        if (!o.lenses().isEmpty()) {
            vms.lenses().applyIds(o.lenses());
            window.expandPanel("panel-lenses");
        }
        if (o.mode() != null) {
            vms.scene().modeProperty().set(o.mode());
        }
        applyTime(o);
        if (o.frameLogSeconds() != null && o.frameLogSeconds() > 0) {
            logFrames(o.frameLogSeconds());
        }
        if (o.train()) {
            vms.training().train();
        }
    }

    /** Pauses at the time asked for on the command line (again once a preset named there has opened). */
    void applyTime(StartOptions o) {
        if (o.time() != null) {
            vms.scene().playback().playingProperty().set(false);
            vms.scene().timeProperty().set(Math.max(vms.scene().tMin(), Math.min(vms.scene().tMax(), o.time())));
        }
    }

    /** Installs shortcuts, themes and timers on the window's scene. */
    public void install(Scene scene) {
        window.install(scene);
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F2) {
                toggleDiagnostics();
                e.consume();
            }
        });
        diagnosticsTimer.play();
    }

    private Timeline frameLog;

    /** Prints the frame timings of the last interval every {@code seconds} to standard error (then starts afresh). */
    public void logFrames(double seconds) {
        if (frameLog != null) {
            frameLog.stop();
        }
        frameLog = new Timeline(new KeyFrame(Duration.seconds(seconds), e -> {
            FrameTimeRecorder.FrameStats s = window.frames().stats();
            System.err.printf(java.util.Locale.ROOT, "frames: %s · %d particles · training %s · likelihood %s%n", s,
                    vms.scene().particlesProperty().get(), vms.training().stateProperty().get(),
                    vms.likelihood().activity().busyProperty().get() ? "computing" : "idle");
            window.frames().clear();
        }));
        frameLog.setCycleCount(Timeline.INDEFINITE);
        frameLog.play();
    }

    public void toggleDiagnostics() {
        diagnostics.setVisible(!diagnostics.isVisible());
        if (diagnostics.isVisible()) {
            window.frames().clear();
        }
    }

    public void stop() {
        diagnosticsTimer.stop();
        if (frameLog != null) {
            frameLog.stop();
        }
        window.stop();
        TrainingViewModel t = vms.training();
        if (t.isRunning()) {
            t.stop();
        }
        vms.likelihood().cancel();
    }

    public MainWindow window() {
        return window;
    }

    public PlaygroundViewModels viewModels() {
        return vms;
    }

    /** The File menu's actions: open, save, export, drag and drop, restore after a crash. */
    public DocumentActions documents() {
        return documents;
    }

    /**
     * Opens what a preset names: "likelihood" and "loss" on the right, any left panel by its id
     * ("training", "sampler", "overlays").
     */
    void openPanel(String name) {
        switch (name) {
            case "likelihood" -> showLikelihood();
            case "loss" -> showTraining();
            default -> window.expandPanel("panel-" + name);
        }
    }

    public TrainingPanel trainingPanel() {
        return trainingPanel.get();
    }

    public LossChart lossChart() {
        return lossTab.get().chart();
    }

    public LikelihoodPanel likelihoodPanel() {
        return likelihoodPanel.get();
    }

    /**
     * Builds the parts not built yet, one per event of the UI thread so the scene keeps animating
     * between them, then runs {@code then}.
     */
    void finishBuilding(java.util.concurrent.Executor ui, Runnable then) {
        java.util.Optional<Deferred<?>> next = parts.stream().filter(p -> !p.isBuilt()).findFirst();
        if (next.isEmpty()) {
            then.run();
            return;
        }
        ui.execute(() -> {
            next.get().get();
            finishBuilding(ui, then);
        });
    }

    /** The training tab: the loss chart with the training's status line under it. */
    private record LossTab(LossChart chart, VBox node) {
        static LossTab of(PlaygroundViewModels vms) {
            LossChart chart = new LossChart(vms.training().losses(), vms.training().liveSamples(),
                    vms.app().themeProperty());
            VBox.setVgrow(chart, Priority.ALWAYS);
            Label status = new Label();
            status.getStyleClass().add("status-line");
            status.setWrapText(true);
            status.textProperty().bind(vms.training().statusLineProperty());
            VBox box = new VBox(8, chart, status);
            box.getStyleClass().add("chart-panel");
            return new LossTab(chart, box);
        }
    }

    public TabPane analysis() {
        return analysis;
    }

    public void showLikelihood() {
        analysis.getSelectionModel().select(likelihoodTab);
    }

    public void showTraining() {
        analysis.getSelectionModel().select(trainingTab);
    }
}
