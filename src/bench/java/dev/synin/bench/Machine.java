package dev.synin.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on. */
final class Machine {

    private Machine() {
    }

    static void describe(Results results) {
        results.facts.put("cores", Runtime.getRuntime().availableProcessors());
        results.facts.put("cpu", cpuModel());
        results.facts.put("kernel", read("/proc/sys/kernel/osrelease"));
        results.facts.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        // Other work on the machine shows in every figure: say how busy it was when the run began.
        String[] load = (read("/proc/loadavg") + " ? ? ?").split(" ");
        results.facts.put("load average at start (1, 5, 15 min)", load[0] + " " + load[1] + " " + load[2]);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "?";
        }
    }
}
