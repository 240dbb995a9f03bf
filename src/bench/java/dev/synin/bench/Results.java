package dev.synin.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one run measured, in the order it was measured. */
final class Results {

    final BenchSettings settings;
    final List<StepStats> runs = new ArrayList<>();
    /** Single figures (start time, memory, machine), by name, in insertion order. */
    final Map<String, Object> facts = new LinkedHashMap<>();
    /** What went wrong or was skipped, for the reader. */
    final List<String> notes = new ArrayList<>();

    Results(BenchSettings settings) {
        this.settings = settings;
    }

    Optional<StepStats> find(String phase, int concurrency, String path) {
        return runs.stream().filter(r -> r.phase.equals(phase) && r.workload.concurrency() == concurrency && r.path.equals(path))
                .findFirst();
    }

    /** The direct run that {@code run} is compared with: same phase, same concurrency. */
    Optional<StepStats> floorOf(StepStats run) {
        return find(run.phase, run.workload.concurrency(), "direct").filter(floor -> floor != run);
    }
}
