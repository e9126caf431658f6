package org.leakguard.agent.canary;

import java.io.IOException;
import java.util.function.Consumer;
import org.leakguard.agent.canary.dnstap.DnstapCollector;
import org.leakguard.agent.canary.dnstap.DnstapEndpoint;
import org.xbill.DNS.Name;

/** A dnstap collector as one of the server's listeners: each query it reads for the zone is an observation. */
final class DnstapFeed implements Listener {
    private final DnstapCollector collector;

    DnstapFeed(DnstapEndpoint endpoint, Name zone, Observations observations, Consumer<String> log) throws IOException {
        this.collector = new DnstapCollector(endpoint,
                asked -> CanaryZone.idOf(zone, asked.name()).ifPresent(id -> observations.record(id, asked.from())), log);
    }

    @Override
    public String name() {
        return collector.name();
    }

    @Override
    public void start() {
        collector.start();
    }

    @Override
    public boolean alive() {
        return collector.alive();
    }

    long messages() {
        return collector.messages();
    }

    @Override
    public void close() throws IOException {
        collector.close();
    }
}
