package org.leakguard.platform.macos;

/**
 * One outbound pf rule of leakguard's anchor: a single protocol and port, so pfctl prints it as
 * exactly one rule and its label can be matched one to one.
 *
 * @param pass pass (to the pinned resolvers, on loopback) or block with return (fail fast)
 * @param loopback only on lo0
 * @param table the destination table, or null for any
 * @param user only packets of sockets this user owns (pf {@code user}), or null for everyone: a
 *     name, quoted (pf looks it up when it loads the rules), or a numeric uid, kept without leading zeros
 */
record PfRule(String name, boolean pass, boolean loopback, String proto, int port, String table, String user) {

    PfRule(String name, boolean pass, boolean loopback, String proto, int port, String table) {
        this(name, pass, loopback, proto, port, table, null);
    }

    PfRule {
        // A uid is written as pf reads it: 065 would be uid 65 in pf while looking like another account here.
        user = user == null ? null : PfUser.check(user);
    }

    String render(String digest) {
        return (pass ? "pass" : "block return") + " out quick" + (loopback ? " on lo0" : "") + " proto " + proto
                + " from any to " + (table == null ? "any" : "<" + table + ">") + " port " + port
                + (user == null ? "" : " user " + PfUser.token(user))
                + " label \"" + label(digest) + "\"";
    }

    String label(String digest) {
        return PfRuleset.LABEL_PREFIX + digest + " " + name;
    }
}
