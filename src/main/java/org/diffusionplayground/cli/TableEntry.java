package org.diffusionplayground.cli;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.diffusionplayground.model.data.ToyData;
import org.diffusionplayground.model.schedule.ScheduleKind;
import org.diffusionplayground.model.util.AtomicFiles;

/**
 * One cell of the table's work — a data set, a schedule and a training seed — with its evaluation and the
 * setup it was made with, as the JSON file a shard writes and {@code table --merge} reads. A cluster job
 * array runs one shard per task ({@code --shard i/n}); the merge checks that every file was made with the
 * same setup before it puts them in one table.
 *
 * @param data       the data set's command-line name
 * @param schedule   the schedule
 * @param seed       the training seed (also the k-th training set and the held-out draw)
 * @param setup      what must agree between entries of one table (steps, points, tolerances, …)
 * @param evaluation the numbers
 */
record TableEntry(String data, ScheduleKind schedule, int seed, String setup, ModelEvaluation evaluation) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    ToyData kind() {
        return new DatasetName.Converter().convert(data);
    }

    String fileName() {
        return data + "-" + schedule + "-seed" + seed + ".json";
    }

    void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve(fileName()), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this),
                AtomicFiles.Existing.REPLACE);
    }

    /** Every entry in {@code dir}, sorted by data set, schedule and seed. */
    static List<TableEntry> loadAll(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder of table entries");
        }
        List<TableEntry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    entries.add(JSON.readValue(f.toFile(), TableEntry.class));
                } catch (IOException e) {
                    throw new IOException(f + " is not a table entry written by 'playground table --save': "
                            + e.getMessage().lines().findFirst().orElse(""), e);
                }
            }
        }
        entries.sort(java.util.Comparator.comparing((TableEntry e) -> e.kind().ordinal())
                .thenComparing(e -> e.schedule().ordinal()).thenComparingInt(TableEntry::seed));
        return entries;
    }
}
