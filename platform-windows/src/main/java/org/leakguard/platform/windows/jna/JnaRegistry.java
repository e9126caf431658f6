package org.leakguard.platform.windows.jna;

import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.leakguard.platform.windows.RegType;
import org.leakguard.platform.windows.RegValue;
import org.leakguard.platform.windows.Registry;

/**
 * The registry through jna-platform's Advapi32Util, always in the 64-bit view: a 32-bit JVM would
 * otherwise read and write the WOW6432Node copies, which the DNS client never looks at.
 */
public final class JnaRegistry implements Registry {
    private static final String HKLM = "HKLM\\";
    private static final int VIEW = WinNT.KEY_WOW64_64KEY;

    @Override
    public boolean keyExists(String key) throws IOException {
        return call(() -> Advapi32Util.registryKeyExists(WinReg.HKEY_LOCAL_MACHINE, path(key), VIEW));
    }

    @Override
    public Optional<RegValue> value(String key, String name) throws IOException {
        if (!keyExists(key) || !call(() -> Advapi32Util.registryValueExists(WinReg.HKEY_LOCAL_MACHINE, path(key), name, VIEW))) {
            return Optional.empty();
        }
        int type = type(key, name);
        String p = path(key);
        WinReg.HKEY hklm = WinReg.HKEY_LOCAL_MACHINE;
        if (type == WinNT.REG_DWORD) {
            return Optional.of(RegValue.dword(Integer.toUnsignedLong(call(() -> Advapi32Util.registryGetIntValue(hklm, p, name, VIEW)))));
        }
        if (type == WinNT.REG_SZ) {
            return Optional.of(RegValue.sz(call(() -> Advapi32Util.registryGetStringValue(hklm, p, name, VIEW))));
        }
        if (type == WinNT.REG_EXPAND_SZ) {
            String s = call(() -> Advapi32Util.registryGetExpandableStringValue(hklm, p, name, VIEW));
            return Optional.of(new RegValue(RegType.EXPAND_SZ, 0, List.of(s)));
        }
        if (type == WinNT.REG_MULTI_SZ) {
            return Optional.of(RegValue.multiSz(Arrays.asList(call(() -> Advapi32Util.registryGetStringArray(hklm, p, name, VIEW)))));
        }
        throw new IOException(key + "\\" + name + " has registry type " + type + ", which leakguard does not restore;"
                + " it leaves the value alone rather than change it without an exact undo");
    }

    private int type(String key, String name) throws IOException {
        WinReg.HKEYByReference k = call(() -> Advapi32Util.registryGetKey(WinReg.HKEY_LOCAL_MACHINE, path(key), WinNT.KEY_READ | VIEW));
        try {
            IntByReference type = new IntByReference();
            IntByReference size = new IntByReference();
            int rc = Advapi32.INSTANCE.RegQueryValueEx(k.getValue(), name, 0, type, (com.sun.jna.Pointer) null, size);
            if (rc != WinError.ERROR_SUCCESS) {
                throw new IOException("cannot read the type of " + key + "\\" + name + ": Win32 error " + rc);
            }
            return type.getValue();
        } finally {
            Advapi32Util.registryCloseKey(k.getValue());
        }
    }

    @Override
    public List<String> subkeys(String key) throws IOException {
        if (!keyExists(key)) {
            return List.of();
        }
        return call(() -> Arrays.stream(Advapi32Util.registryGetKeys(WinReg.HKEY_LOCAL_MACHINE, path(key), VIEW)).sorted().toList());
    }

    @Override
    public void set(String key, String name, RegValue value) throws IOException {
        WinReg.HKEY hklm = WinReg.HKEY_LOCAL_MACHINE;
        String p = path(key);
        call(() -> Advapi32Util.registryCreateKey(hklm, p, VIEW));
        switch (value.type()) {
            case DWORD -> call(() -> {
                Advapi32Util.registrySetIntValue(hklm, p, name, (int) value.number(), VIEW);
                return null;
            });
            case SZ -> call(() -> {
                Advapi32Util.registrySetStringValue(hklm, p, name, value.string(), VIEW);
                return null;
            });
            case EXPAND_SZ -> call(() -> {
                Advapi32Util.registrySetExpandableStringValue(hklm, p, name, value.string(), VIEW);
                return null;
            });
            case MULTI_SZ -> call(() -> {
                Advapi32Util.registrySetStringArray(hklm, p, name, value.text().toArray(String[]::new), VIEW);
                return null;
            });
        }
    }

    @Override
    public void delete(String key, String name) throws IOException {
        if (value(key, name).isPresent()) {
            call(() -> {
                Advapi32Util.registryDeleteValue(WinReg.HKEY_LOCAL_MACHINE, path(key), name, VIEW);
                return null;
            });
        }
    }

    @Override
    public boolean deleteIfEmpty(String key) throws IOException {
        if (!keyExists(key)) {
            return true;
        }
        String p = path(key);
        boolean empty = call(() -> Advapi32Util.registryGetKeys(WinReg.HKEY_LOCAL_MACHINE, p, VIEW).length == 0
                && Advapi32Util.registryGetValues(WinReg.HKEY_LOCAL_MACHINE, p, VIEW).isEmpty());
        if (!empty) {
            return false;
        }
        int slash = p.lastIndexOf('\\');
        call(() -> {
            Advapi32Util.registryDeleteKey(WinReg.HKEY_LOCAL_MACHINE, p.substring(0, slash), p.substring(slash + 1), VIEW);
            return null;
        });
        return true;
    }

    @Override
    public Optional<Instant> lastWritten(String key) throws IOException {
        if (!keyExists(key)) {
            return Optional.empty();
        }
        WinReg.HKEYByReference k = call(() -> Advapi32Util.registryGetKey(WinReg.HKEY_LOCAL_MACHINE, path(key), WinNT.KEY_READ | VIEW));
        try {
            Advapi32Util.InfoKey info = call(() -> Advapi32Util.registryQueryInfoKey(k.getValue(), 0));
            return Optional.of(info.lpftLastWriteTime.toDate().toInstant());
        } finally {
            Advapi32Util.registryCloseKey(k.getValue());
        }
    }

    /** {@code HKLM\SOFTWARE\X} to {@code SOFTWARE\X}; only HKLM is ever used. */
    static String path(String key) {
        if (!key.startsWith(HKLM)) {
            throw new IllegalArgumentException("leakguard only uses HKLM keys, not " + key);
        }
        return key.substring(HKLM.length());
    }

    /** A registry call whose Win32 error becomes an IOException naming it. */
    interface Call<T> {
        T run();
    }

    private static <T> T call(Call<T> c) throws IOException {
        try {
            return c.run();
        } catch (Win32Exception e) {
            throw new IOException("registry: " + e.getMessage() + " (Win32 error " + e.getErrorCode() + ")", e);
        }
    }
}
