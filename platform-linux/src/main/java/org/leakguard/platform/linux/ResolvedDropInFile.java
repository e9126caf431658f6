package org.leakguard.platform.linux;

/** Another drop-in in one of resolved's configuration folders. */
record ResolvedDropInFile(String path, String text) {}
