package org.leakguard.platform.macos;

/** What {@code id -u NAME} told about an exception's account. */
sealed interface UidLookup {

    /** The account exists with this uid. */
    record Found(long uid) implements UidLookup {}

    /** id said this Mac has no such account. */
    record NoSuchUser() implements UidLookup {}

    /** id could not run, or answered something else: nothing is known of the account. */
    record Unanswered(String why) implements UidLookup {}
}
