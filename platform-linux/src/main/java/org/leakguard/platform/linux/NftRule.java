package org.leakguard.platform.linux;

/** One rule leakguard writes: its id, carried as {@code comment "lg:<id>"}, and its nft text. */
record NftRule(String id, String body) {
    String comment() {
        return "lg:" + id;
    }

    String line() {
        return body + " comment \"" + comment() + "\"";
    }
}
