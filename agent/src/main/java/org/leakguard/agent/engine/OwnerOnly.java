package org.leakguard.agent.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryFlag;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The state folder's files are readable by the owner alone: journals hold before-images of
 * system files. POSIX file systems get mode 0700/0600; Windows (no POSIX view) gets an ACL of
 * owner, SYSTEM and Administrators, with inheritance from the parent cut.
 */
final class OwnerOnly {
    private static final Set<AclEntryFlag> INHERIT = EnumSet.of(AclEntryFlag.FILE_INHERIT, AclEntryFlag.DIRECTORY_INHERIT);

    private OwnerOnly() {}

    static void folder(Path dir) throws IOException {
        restrict(dir, "rwx------");
    }

    static void file(Path file) throws IOException {
        restrict(file, "rw-------");
    }

    private static void restrict(Path path, String mode) throws IOException {
        if (Files.getFileAttributeView(path, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
            return;
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl == null) {
            throw new IOException("cannot make " + path + " readable by its owner only: the file system has neither"
                    + " POSIX permissions nor ACLs; choose another --state-dir");
        }
        UserPrincipalLookupService names = path.getFileSystem().getUserPrincipalLookupService();
        List<UserPrincipal> who = new ArrayList<>(List.of(acl.getOwner()));
        for (String name : List.of("NT AUTHORITY\\SYSTEM", "BUILTIN\\Administrators")) {
            try {
                who.add(names.lookupPrincipalByName(name));
            } catch (UserPrincipalNotFoundException e) {
                // Not a Windows account database: the owner alone.
            }
        }
        boolean folder = Files.isDirectory(path);
        List<AclEntry> entries = new ArrayList<>();
        for (UserPrincipal p : who) {
            AclEntry.Builder b = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(p)
                    .setPermissions(EnumSet.allOf(AclEntryPermission.class));
            if (folder) {
                b.setFlags(INHERIT);
            }
            entries.add(b.build());
        }
        acl.setAcl(entries);
    }
}
