package dev.roger.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void queueNamesFollowTheOriginal() {
        assertEquals("myapp-default", Names.mainQueue("myapp", "default"));
        assertEquals("acme-corp-fast", Names.mainQueue("acme-corp", "fast"));
        assertEquals("myapp-default.buried", Names.buriedQueue("myapp", "default"));
    }

    @Test
    void queueNamesCannotCollide() {
        // '-' is allowed in partitions only, '.' nowhere: "a-b" + "c" and "a" + "b-c" cannot both exist.
        assertThrows(IllegalArgumentException.class, () -> Names.mainQueue("a", "b-c"));
        assertThrows(IllegalArgumentException.class, () -> Names.mainQueue("a.buried", "c"));
        assertThrows(IllegalArgumentException.class, () -> Names.mainQueue("", "c"));
        assertThrows(IllegalArgumentException.class, () -> Names.mainQueue("a", null));
    }

    @Test
    void jobIdsAndTypesAreChecked() {
        assertEquals("abc_-1", Names.requireJobId("abc_-1"));
        assertThrows(IllegalArgumentException.class, () -> Names.requireJobId("has space"));
        assertThrows(IllegalArgumentException.class, () -> Names.requireJobId("x".repeat(129)));
        assertThrows(IllegalArgumentException.class, () -> Names.requireJobType(" "));
    }

    @Test
    void theDefaultClusterKeepsEveryName() {
        assertEquals("acme-default", Names.inCluster(null, "acme-default"));
        assertEquals("roger.owner.acme", Names.inCluster(null, Names.ownerQueue("acme")));
    }

    @Test
    void aNamedClusterPutsItsNameInFront() {
        assertEquals("blue.acme-default", Names.inCluster("blue", Names.mainQueue("acme", "default")));
        assertEquals("blue-2_x.roger.control", Names.inCluster("blue-2_x", "roger.control"));
        assertEquals("blue.acme-default.buried", Names.buriedQueueOf(Names.inCluster("blue", "acme-default")));
    }

    @Test
    void clusterNamesAreCheckedWithTheRuleInTheMessage() {
        assertEquals("abcdefghij_-123", Names.requireCluster("abcdefghij_-123"));
        for (String bad : new String[] {"", "a.b", "a b", "a/b", "x".repeat(16), null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Names.requireCluster(bad));
            assertEquals("Invalid cluster '" + bad + "': must be 1 to 15 characters of A-Z, a-z, 0-9, '_' and '-'",
                    e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Names.inCluster(bad == null ? "" : bad, "roger.nodes"));
        }
    }

    @Test
    void theLongestNameOfTheLongestClusterFitsRabbitMQsLimit() {
        String cluster = "c".repeat(15);
        String waiting = Names.inCluster(cluster, Names.waitingQueue("p".repeat(100), "k".repeat(120)));
        String retry = Names.inCluster(cluster, Names.mainQueue("p".repeat(100), "q".repeat(100))) + ".retry.86400";
        assertEquals(255, waiting.length(), waiting);
        assertTrue(retry.length() <= 255, retry);
    }

    /**
     * Names of the default cluster whose first segments come closest to a cluster name (short,
     * with '-', or {@code roger}) never equal a named cluster's names, and the names of two
     * clusters never meet.
     */
    @Test
    void namesOfDifferentClustersNeverMeet() {
        java.util.List<String> partitions = java.util.List.of("a", "a-b", "roger", "blue", "b");
        java.util.List<String> defaults = new java.util.ArrayList<>(java.util.List.of(
                "roger.control", "roger.nodes", "roger.buried.dropped"));
        for (String p : partitions) {
            defaults.add(Names.ownerQueue(p));
            for (String q : new String[] {"b", "roger", "buried", "default"}) {
                defaults.add(Names.mainQueue(p, q));
                defaults.add(Names.buriedQueue(p, q));
                defaults.add(Names.mainQueue(p, q) + ".retry.5");
            }
            for (String k : new String[] {"x", "x.roger.nodes", "roger.control", "a-b.c"}) {
                defaults.add(Names.waitingQueue(p, k));
            }
        }
        java.util.Map<String, String> owner = new java.util.HashMap<>();
        for (String cluster : new String[] {null, "a", "a-b", "a-b-c", "roger", "blue", "a-b-default"}) {
            for (String name : defaults) {
                String named = Names.inCluster(cluster, name);
                String before = owner.putIfAbsent(named, cluster + " " + name);
                assertEquals(null, before, named + " is both " + before + " and " + cluster + " " + name);
            }
        }
    }

    /** The hand-written checks accept exactly what the rules' regular expressions accept. */
    @Test
    void everyCharacterIsJudgedAsTheRulesRegularExpressionsJudgeIt() {
        Map<String, java.util.function.Function<String, String>> checks = Map.of(
                "[A-Za-z0-9_-]{1,100}", Names::requirePartition,
                "[A-Za-z0-9_]{1,100}", Names::requireQueue,
                "[A-Za-z0-9_-]{1,128}", Names::requireJobId,
                "[A-Za-z0-9_-]{1,15}", Names::requireCluster,
                "[A-Za-z0-9_.:@-]{1,120}", Names::requireExecutionKey);
        checks.forEach((regex, check) -> {
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
            int max = Integer.parseInt(regex.replaceAll(".*,(\\d+)}", "$1"));
            java.util.List<String> values = new java.util.ArrayList<>(java.util.List.of("", "a".repeat(max),
                    "a".repeat(max + 1), "a b", "a\u00e9"));
            for (char c = 0; c < Character.MAX_VALUE; c++) {
                values.add("a" + c);
            }
            for (String value : values) {
                boolean expected = pattern.matcher(value).matches();
                boolean accepted;
                try {
                    accepted = check.apply(value).equals(value);
                } catch (IllegalArgumentException e) {
                    accepted = false;
                }
                assertEquals(expected, accepted, regex + " on '" + value + "'");
            }
        });
    }
}
