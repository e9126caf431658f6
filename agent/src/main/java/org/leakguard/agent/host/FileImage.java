package org.leakguard.agent.host;

import java.util.Arrays;

/**
 * A durable before-image of one path: absent, a symlink, or a regular file with its bytes, mode
 * and owner.
 */
public record FileImage(Kind kind, byte[] content, int mode, int uid, int gid, String linkTarget) {

    public enum Kind {
        ABSENT,
        FILE,
        SYMLINK
    }

    public static FileImage absent() {
        return new FileImage(Kind.ABSENT, null, 0, -1, -1, null);
    }

    public static FileImage symlink(String target) {
        return new FileImage(Kind.SYMLINK, null, 0, -1, -1, target);
    }

    public static FileImage file(byte[] content, int mode, int uid, int gid) {
        return new FileImage(Kind.FILE, content.clone(), mode, uid, gid, null);
    }

    public boolean exists() {
        return kind != Kind.ABSENT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileImage other
                && kind == other.kind
                && Arrays.equals(content, other.content)
                && mode == other.mode
                && uid == other.uid
                && gid == other.gid
                && java.util.Objects.equals(linkTarget, other.linkTarget);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, Arrays.hashCode(content), mode, uid, gid, linkTarget);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ABSENT -> "absent";
            case SYMLINK -> "symlink -> " + linkTarget;
            case FILE -> "file (" + content.length + " bytes, mode " + Integer.toOctalString(mode) + ", " + uid + ":" + gid + ")";
        };
    }
}
