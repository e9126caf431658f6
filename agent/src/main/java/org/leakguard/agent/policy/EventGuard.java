package org.leakguard.agent.policy;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ImplicitTuple;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Screens the YAML event stream before Jackson sees it: refuses explicit tags, expands
 * aliases within limits, and bounds nesting.
 *
 * <p>Jackson's YAML parser does not expand aliases (it returns the anchor's name as a
 * string, which would silently bind wrong values), so aliases are replayed here from the
 * events recorded under their anchor. Limits keep a small file from expanding into a large
 * one. A refused event is replaced by a plain scalar at the same place, so Jackson makes one
 * more token and the parser can report the problem with that token's key path.
 */
final class EventGuard {
    static final int MAX_ALIASES = 50;
    static final int MAX_REPLAYED_EVENTS = 10_000;
    static final int MAX_DEPTH = 50;
    private static final Set<String> CORE_TAGS = Set.of(Tag.STR.getValue(), Tag.INT.getValue(),
            Tag.BOOL.getValue(), Tag.FLOAT.getValue(), Tag.NULL.getValue(), Tag.SEQ.getValue(),
            Tag.MAP.getValue());

    /** The next event from SnakeYAML. */
    interface Source {
        Event next() throws IOException;
    }

    private static final class Recording {
        final String anchor;
        final int from;
        int depth;

        Recording(String anchor, int from) {
            this.anchor = anchor;
            this.from = from;
        }
    }

    private final List<Event> log = new ArrayList<>();
    private final Map<String, int[]> anchors = new HashMap<>();
    private final List<Recording> open = new ArrayList<>();
    private final Deque<Event> replay = new ArrayDeque<>();
    private int aliases;
    private int replayed;
    private int depth;
    private String problem;

    /** The first refusal, or null; once set, the parser must stop. */
    String problem() {
        return problem;
    }

    Event next(Source source) throws IOException {
        Event e = replay.isEmpty() ? screen(source.next()) : replay.poll();
        if (e instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
            return refuse(e, "nesting is deeper than " + MAX_DEPTH + " levels; a policy needs"
                    + " about 5, so this file is not a policy");
        }
        if (e instanceof CollectionEndEvent) {
            depth--;
        }
        record(e);
        return e;
    }

    private Event screen(Event e) {
        if (e instanceof AliasEvent) {
            return expand((AliasEvent) e);
        }
        String tag = tagOf(e);
        if (tag != null && !CORE_TAGS.contains(tag)) {
            return refuse(e, "the YAML tag " + shown(tag) + " is not allowed; policies hold plain"
                    + " values (only !!str, !!int, !!bool, !!float, !!null, !!seq and !!map are accepted)");
        }
        String anchor = anchorOf(e);
        if (anchor != null) {
            open.add(new Recording(anchor, log.size()));
        }
        return e;
    }

    private Event expand(AliasEvent alias) {
        String name = alias.getAnchor();
        if (++aliases > MAX_ALIASES) {
            return refuse(alias, "more than " + MAX_ALIASES + " aliases (*name); write the values out");
        }
        int[] range = anchors.get(name);
        if (range == null) {
            boolean recursive = open.stream().anyMatch(r -> r.anchor.equals(name));
            return refuse(alias, recursive ? "alias *" + name + " refers to the node that contains it"
                    : "alias *" + name + " has no anchor &" + name + " before it");
        }
        replayed += range[1] - range[0];
        if (replayed > MAX_REPLAYED_EVENTS) {
            return refuse(alias, "aliases expand to more than " + MAX_REPLAYED_EVENTS
                    + " YAML nodes; write the values out");
        }
        replay.addAll(log.subList(range[0], range[1]));
        return replay.poll();
    }

    /** Keeps events while an anchored node is open, so its aliases can replay them. */
    private void record(Event e) {
        if (open.isEmpty()) {
            return;
        }
        log.add(e);
        int delta = e instanceof CollectionStartEvent ? 1 : e instanceof CollectionEndEvent ? -1 : 0;
        for (Iterator<Recording> it = open.iterator(); it.hasNext(); ) {
            Recording r = it.next();
            r.depth += delta;
            if (r.depth == 0) {
                anchors.put(r.anchor, new int[] {r.from, log.size()});
                it.remove();
            }
        }
    }

    private Event refuse(Event e, String why) {
        if (problem == null) {
            problem = why;
        }
        return new ScalarEvent(null, null, new ImplicitTuple(true, false), placeholder(e),
                e.getStartMark(), e.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
    }

    /** Keeps a refused key's name, so the reported key path still names it. */
    private static String placeholder(Event e) {
        if (e instanceof ScalarEvent) {
            return ((ScalarEvent) e).getValue();
        }
        return e instanceof AliasEvent ? "*" + ((AliasEvent) e).getAnchor() : "";
    }

    private static String tagOf(Event e) {
        if (e instanceof ScalarEvent) {
            return ((ScalarEvent) e).getTag();
        }
        return e instanceof CollectionStartEvent ? ((CollectionStartEvent) e).getTag() : null;
    }

    private static String anchorOf(Event e) {
        if (e instanceof ScalarEvent) {
            return ((ScalarEvent) e).getAnchor();
        }
        return e instanceof CollectionStartEvent ? ((CollectionStartEvent) e).getAnchor() : null;
    }

    private static String shown(String tag) {
        return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
    }
}
