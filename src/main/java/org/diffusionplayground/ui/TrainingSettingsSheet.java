package org.diffusionplayground.ui;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.PropertySheet;
import org.controlsfx.property.editor.Editors;
import org.controlsfx.property.editor.PropertyEditor;
import org.diffusionplayground.app.TrainingSettings;
import org.diffusionplayground.app.TrainingSettings.Setting;
import org.diffusionplayground.app.TrainingViewModel;
import org.diffusionplayground.ui.kit.Controls;

/**
 * Every training setting in one sheet (ControlsFX {@link PropertySheet}), grouped as data, network,
 * objective and optimiser, each named as the {@code train} command names it, with its formula in the
 * tooltip. A value is checked as the command line checks it; a refused one stays as it was and the line
 * under the sheet says why. During a run, an optimiser or data setting makes the run go on from the weights
 * it reached; a network or schedule setting asks before starting over.
 */
public final class TrainingSettingsSheet extends VBox {

    private final TrainingViewModel vm;
    private final TrainingSettings settings;
    private final Predicate<String> confirmStartOver;
    private final java.util.List<PropertySheet> sheets = new java.util.ArrayList<>();
    private final Label message = new Label();

    /**
     * @param confirmStartOver asked, with the reason, before a run starts over from fresh weights
     */
    public TrainingSettingsSheet(TrainingViewModel vm, Predicate<String> confirmStartOver) {
        this.vm = vm;
        this.settings = new TrainingSettings(vm);
        this.confirmStartOver = confirmStartOver;
        // one sheet per group, all open at once (the sheet's own category mode shows one group at a time)
        VBox groups = new VBox(4);
        groups.setId("training-settings");
        for (TrainingSettings.Group g : TrainingSettings.Group.values()) {
            ObservableList<PropertySheet.Item> items = FXCollections.observableArrayList();
            settings.all().stream().filter(s -> s.group() == g).forEach(s -> items.add(new SettingItem(s)));
            PropertySheet sheet = new PropertySheet(items);
            sheet.setMode(PropertySheet.Mode.NAME);
            sheet.setModeSwitcherVisible(false);
            sheet.setSearchBoxVisible(false);
            sheet.setPropertyEditorFactory(item -> editorFor((SettingItem) item));
            sheets.add(sheet);
            TitledPane pane = new TitledPane(g.title(), sheet);
            pane.setId("training-settings-" + g.name().toLowerCase(Locale.ROOT));
            groups.getChildren().add(pane);
        }
        ScrollPane scroll = new ScrollPane(groups);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        message.setId("training-settings-message");
        message.setWrapText(true);
        Button proceed = new Button("▶ Continue training");
        proceed.setId("training-settings-continue");
        Controls.tipped(proceed, "Trains on from the model's current weights with these settings; if the network "
                + "or the schedule changed, asks before starting over.");
        proceed.setOnAction(e -> continueOrAsk());
        Button fresh = new Button("Train from scratch");
        fresh.setId("training-settings-fresh");
        fresh.setOnAction(e -> vm.train());
        proceed.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(vm::isRunning,
                vm.stateProperty()));
        fresh.disableProperty().bind(proceed.disableProperty());
        HBox buttons = new HBox(8, proceed, fresh);
        setSpacing(8);
        setPadding(new Insets(8));
        getChildren().addAll(scroll, message, buttons);
        vm.errorProperty().addListener((obs, old, e) -> {
            if (e != null && !e.isEmpty()) {
                say(e, true);
            }
        });
    }

    /** The sheet in a window of its own beside {@code owner}, the way the training panel opens it. */
    static Stage window(Window owner, TrainingViewModel vm) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Training settings");
        TrainingSettingsSheet content = new TrainingSettingsSheet(vm, reason -> confirm(stage, reason));
        Scene scene = new Scene(content, 520, 720);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        return stage;
    }

    private static boolean confirm(Window owner, String reason) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, reason + "\n\nThe model in the scene stays until the "
                + "new run's first snapshot.", ButtonType.OK, ButtonType.CANCEL);
        alert.initOwner(owner);
        alert.setHeaderText("Start training over from fresh weights?");
        return alert.showAndWait().filter(ButtonType.OK::equals).isPresent();
    }

    /** The sheets of the four groups, in order. */
    public java.util.List<PropertySheet> sheets() {
        return java.util.List.copyOf(sheets);
    }

    private void continueOrAsk() {
        Optional<String> blocker = vm.continuationBlocker();
        if (blocker.isEmpty()) {
            vm.continueTraining();
        } else if (vm.checkpointProperty().get() == null || confirmStartOver.test(capitalised(blocker.get()) + ".")) {
            vm.train();
        }
    }

    /** A value typed or chosen in the sheet: checked, then what it means for a run that goes. */
    private void edit(Setting s, Object value) {
        Object old = s.property().getValue();
        Optional<String> problem = settings.set(s, value);
        if (problem.isPresent()) {
            say(capitalised(problem.get()), true);
            return;
        }
        if (value.equals(old) || !vm.isRunning()) {
            say("", false);
            return;
        }
        if (s.effect() == TrainingSettings.Effect.CONTINUES) {
            say("Training goes on from the current weights with " + s.label() + " = " + format(value) + ".", false);
            vm.continueWithNewSettings();
        } else if (confirmStartOver.test("Changing the " + s.label() + " means new weights: the running training "
                + "stops and starts over.")) {
            say("Training starts over with " + s.label() + " = " + format(value) + ".", false);
            vm.startOverWithNewSettings();
        } else {
            settings.set(s, old);
            say("Kept " + s.label() + " = " + format(old) + "; training goes on.", false);
        }
    }

    private void say(String text, boolean problem) {
        message.setText(text);
        message.getStyleClass().removeAll("invalid-text");
        if (problem) {
            message.getStyleClass().add("invalid-text");
            message.setStyle("-fx-text-fill: #c0392b;");
        } else {
            message.setStyle("");
        }
    }

    private PropertyEditor<?> editorFor(SettingItem item) {
        Class<?> type = item.getType();
        if (type.isEnum()) {
            return Editors.createChoiceEditor(item, Arrays.asList(type.getEnumConstants()));
        }
        return new NumberEditor(item);
    }

    /** The id of a number setting's field: "--lr" → "setting-lr", "--adam β2" → "setting-adam-beta2". */
    public static String fieldId(String option) {
        String ascii = option.replace("β", "beta").replace("ε", "eps").replace("σ", "sigma");
        return "setting-" + ascii.replaceAll("^-+", "").replaceAll("[^A-Za-z0-9]+", "-");
    }

    static String format(Object v) {
        if (v instanceof Double d) {
            String plain = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            return plain.length() <= 10 ? plain : String.format(Locale.ROOT, "%.3g", d);
        }
        return String.valueOf(v);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** One setting as a row of the sheet. */
    private final class SettingItem implements PropertySheet.Item {
        private final Setting setting;

        SettingItem(Setting setting) {
            this.setting = setting;
        }

        @Override
        public Class<?> getType() {
            return setting.type();
        }

        @Override
        public String getCategory() {
            return setting.group().title();
        }

        @Override
        public String getName() {
            return setting.label() + "   " + setting.option();
        }

        @Override
        public String getDescription() {
            return setting.meaning() + "\n\n" + (setting.effect() == TrainingSettings.Effect.CONTINUES
                    ? "Changing it goes on from the current weights." : "Changing it starts training over.");
        }

        @Override
        public Object getValue() {
            return setting.property().getValue();
        }

        @Override
        public void setValue(Object value) {
            edit(setting, value);
        }

        @Override
        public Optional<ObservableValue<? extends Object>> getObservableValue() {
            return Optional.of(setting.property());
        }
    }

    /**
     * A number field that commits on Enter or when it loses focus (not on every key: "0.0" on the way to
     * "0.005" is not a learning rate), and shows the setting's value whenever it changes.
     */
    private final class NumberEditor implements PropertyEditor<Object> {
        private final TextField field = new TextField();
        private final SettingItem item;

        NumberEditor(SettingItem item) {
            this.item = item;
            field.setId(fieldId(item.setting.option()));
            field.setOnAction(e -> commit());
            field.focusedProperty().addListener((obs, was, now) -> {
                if (!now) {
                    commit();
                }
            });
            item.setting.property().addListener((obs, old, v) -> setValue(v));
        }

        private void commit() {
            String text = field.getText().trim().replace(',', '.');
            Object parsed;
            try {
                Class<?> t = item.getType();
                parsed = t == Integer.class ? Integer.valueOf(text) : t == Long.class ? Long.valueOf(text)
                        : Double.valueOf(text);
            } catch (NumberFormatException e) {
                say("\"" + text + "\" is not " + (item.getType() == Double.class ? "a number" : "a whole number")
                        + " (" + item.setting.label() + ")", true);
                setValue(item.getValue());
                return;
            }
            item.setValue(parsed);
            setValue(item.getValue()); // a refused value shows the kept one again
        }

        @Override
        public Node getEditor() {
            return field;
        }

        @Override
        public Object getValue() {
            return item.getValue();
        }

        @Override
        public void setValue(Object value) {
            field.setText(format(value));
        }
    }
}
