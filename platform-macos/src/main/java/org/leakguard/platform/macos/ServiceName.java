package org.leakguard.platform.macos;

/**
 * A network service name as {@code networksetup} lists it. It always travels as one argv element,
 * so quotes, semicolons and spaces are harmless; what is refused is what could change how
 * networksetup reads its arguments (a leading dash) or a line (control characters).
 */
final class ServiceName {
    private ServiceName() {}

    static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a network service name is empty");
        }
        if (name.startsWith("-")) {
            throw new IllegalArgumentException("network service \"" + name + "\" starts with '-', which networksetup"
                    + " would read as an option; rename it in System Settings › Network to let leakguard manage it");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("network service name holds a control character: "
                    + name.replaceAll("\\p{Cntrl}", "?"));
        }
        return name;
    }

    static boolean valid(String name) {
        try {
            check(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
