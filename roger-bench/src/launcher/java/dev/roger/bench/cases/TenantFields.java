package dev.roger.bench.cases;

import dev.roger.bench.report.Field;

/**
 * Where one many-tenants run writes its figures: case 7 (a thousand tenants of two quorum queues)
 * and case 11 (ten thousand of one classic queue) measure the same things under their own names.
 */
record TenantFields(Field ready, Field startCalls, Field startNodeCpu, Field startBrokerCpu, Field connections,
                    Field channels, Field idleCpuFirst, Field idleCpu, Field heap, Field heapGrowth, Field rss, Field stop) {

    static final TenantFields CASE_7 = new TenantFields(Field.TENANTS_READY_S, Field.TENANTS_START_CALLS_S,
            Field.TENANTS_START_NODE_CPU_S, Field.TENANTS_START_BROKER_CPU_S, Field.TENANTS_CONNECTIONS,
            Field.TENANTS_CHANNELS, Field.TENANTS_IDLE_CPU_FIRST_PCT, Field.TENANTS_IDLE_CPU_PCT,
            Field.TENANTS_HEAP_MB, Field.TENANTS_HEAP_GROWTH_MB, Field.TENANTS_RSS_MB, Field.TENANTS_STOP_S);

    static final TenantFields CASE_11 = new TenantFields(Field.CLASSIC_TENANTS_READY_S,
            Field.CLASSIC_TENANTS_START_CALLS_S, Field.CLASSIC_TENANTS_START_NODE_CPU_S,
            Field.CLASSIC_TENANTS_START_BROKER_CPU_S, Field.CLASSIC_TENANTS_CONNECTIONS,
            Field.CLASSIC_TENANTS_CHANNELS, Field.CLASSIC_TENANTS_IDLE_CPU_FIRST_PCT,
            Field.CLASSIC_TENANTS_IDLE_CPU_PCT, Field.CLASSIC_TENANTS_HEAP_MB, Field.CLASSIC_TENANTS_HEAP_GROWTH_MB,
            Field.CLASSIC_TENANTS_RSS_MB, Field.CLASSIC_TENANTS_STOP_S);
}
