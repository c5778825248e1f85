package org.diffusionplayground.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleObjectProperty;
import org.diffusionplayground.model.data.DataSet;
import org.diffusionplayground.model.data.DataSource;
import org.diffusionplayground.model.data.ToyData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV import as a background job: the UI thread only receives the finished data set or the reason. */
class DataViewModelTest {

    @TempDir
    Path dir;

    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));
    private final Jobs jobs = new Jobs(ui, 1);
    private final SimpleObjectProperty<DataSet> data = new SimpleObjectProperty<>(
            DataSet.builtIn(ToyData.SWISS_ROLL, 100, 0));
    private final DataViewModel vm = new DataViewModel(data, jobs);

    @AfterEach
    void tearDown() {
        jobs.close();
        ui.shutdownNow();
    }

    private boolean importAndWait(Path file) throws Exception {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        CompletableFuture<String> thread = new CompletableFuture<>();
        ui.execute(() -> vm.importCsv(file, ok -> {
            thread.complete(Thread.currentThread().getName());
            done.complete(ok);
        }));
        boolean ok = done.get(60, TimeUnit.SECONDS);
        assertEquals("test-ui", thread.get(), "the outcome is handed to the UI thread");
        assertFalse(vm.importingProperty().get());
        return ok;
    }

    @Test
    void aGoodFileReplacesTheDataSet() throws Exception {
        Path f = Files.writeString(dir.resolve("pts.csv"), "x;y\n1,5;2\n-1;0,5\n3;4\n");
        vm.standardiseProperty().set(false);
        assertTrue(importAndWait(f));
        assertEquals(new DataSource.Imported("pts.csv", data.get().points()), data.get().source());
        assertEquals(1.5, data.get().points().x(0));
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void aBadFileKeepsTheDataSetAndSaysWhy() throws Exception {
        DataSet before = data.get();
        Path f = Files.writeString(dir.resolve("bad.csv"), "x,y\n0.1,0.2\n0.3,abc\n");
        assertFalse(importAndWait(f));
        assertEquals(before, data.get());
        assertTrue(vm.errorProperty().get().contains("line 3"), vm.errorProperty().get());
        assertNotEquals("", vm.errorProperty().get());
    }
}
