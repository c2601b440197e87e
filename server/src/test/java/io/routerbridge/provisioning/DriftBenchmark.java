package io.routerbridge.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drift report for a router holding 10,000 vpn-nat tenants (60,000 objects) plus operator rows, as RouterOS
 * prints them. Reports time and heap; never fails on a slow machine.
 */
@Tag("benchmark")
class DriftBenchmark {

    @Test
    void driftOfTenThousandServices() {
        List<ServiceSpec> services = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            int base = i * 8;
            String prefix = "10." + (base >> 16 & 255) + "." + (base >> 8 & 255) + "." + (base & 255) + "/29";
            String user = "10." + (base >> 16 & 255) + "." + (base >> 8 & 255) + "." + ((base & 255) + 2);
            services.add(new VpnNatTenant(Integer.toString(1000 + i), "100.64." + (i >> 8) + "." + (i & 255),
                    "ether1", prefix, "10.0.0.0/8", ServiceStatus.ACTIVE,
                    List.of(new VpnNatTenant.VpnUser("user" + i, "pw" + i, "l2tp", "default-encryption", "10M/10M",
                            false, user)), List.of()));
        }
        long bestMillis = Long.MAX_VALUE;
        long heapOfBest = 0;
        int objects = 0;
        for (int round = 0; round < 3; round++) {
            System.gc();
            long heapBefore = usedHeap();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            DesiredState desired = DesiredState.wholeRouter(services);
            long built = System.nanoTime();
            ActualState actual = printedAsRouterOs(desired);
            long read = System.nanoTime();
            long cpuRead = threads.getCurrentThreadCpuTime();
            Drift drift = Planner.drift(desired, actual);
            long planned = System.nanoTime();
            long cpuPlanned = threads.getCurrentThreadCpuTime();
            long heapAfter = usedHeap();
            System.out.printf("drift of %d objects: desired %d ms, parse rows %d ms, plan+drift %d ms, clean=%s,"
                            + " heap growth %d MB; CPU: build+parse %d ms, plan+drift %d ms%n",
                    desired.objects().size(), (built - start) / 1_000_000,
                    (read - built) / 1_000_000, (planned - read) / 1_000_000, drift.isClean(),
                    (heapAfter - heapBefore) >> 20, (cpuRead - cpuStart) / 1_000_000,
                    (cpuPlanned - cpuRead) / 1_000_000);
            if ((planned - start) / 1_000_000 < bestMillis) {
                bestMillis = (planned - start) / 1_000_000;
                heapOfBest = (heapAfter - heapBefore) >> 20;
            }
            objects = desired.objects().size();
        }
        System.out.println("BENCH | drift report, 10000 vpn-nat services (" + objects + " objects): desired + parse + plan,"
                + " best of 3 (target ≤ 2 s) | " + bestMillis + " ms | heap growth " + heapOfBest + " MB (target ≤ 256 MB) | -");
    }

    /** Runs outside surefire, which excludes benchmarks: {@code java -cp ... DriftBenchmark}. */
    public static void main(String[] args) {
        new DriftBenchmark().driftOfTenThousandServices();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static ActualState printedAsRouterOs(DesiredState desired) {
        Map<String, List<Map<String, String>>> rows = new LinkedHashMap<>();
        for (Menu menu : Menu.values()) {
            rows.put(menu.path(), new ArrayList<>());
        }
        int id = 1;
        for (RouterObject object : desired.objects()) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put(".id", "*" + Integer.toHexString(id++).toUpperCase());
            row.put("disabled", "false");
            row.put("dynamic", "false");
            object.attributes().forEach((name, value) -> row.put(name, switch (name) {
                case "disabled" -> value.equals("yes") ? "true" : "false";
                case "max-limit" -> "10000000/10000000";
                default -> value;
            }));
            if (object.menu() == Menu.QUEUE_SIMPLE) {
                row.put("limit-at", "0/0");
                row.put("burst-limit", "0/0");
                row.put("burst-threshold", "0/0");
                row.put("parent", "none");
            }
            if (object.menu().ordered()) {
                row.put("log", "false");
                row.put("log-prefix", "");
            }
            row.put("comment", object.marker().comment());
            rows.get(object.menu().path()).add(row);
        }
        Map<String, String> operatorRule = new LinkedHashMap<>(Map.of(".id", "*FFFFFF", "chain", "forward",
                "action", "accept", "connection-state", "established,related"));
        rows.get(Menu.FILTER.path()).add(0, operatorRule);
        rows.put(ActualState.PPP_ACTIVE, List.of());
        return ActualState.of(rows);
    }
}
