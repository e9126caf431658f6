package org.leakguard.platform.linux;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.leakguard.agent.change.PlatformImage;
import org.leakguard.agent.host.FileImage;

/** A file's before-image and whether the folder holding it existed: see {@link WriteFileInFolder}. */
@JsonTypeName("linux-folder-file-image")
record FolderFileImage(FileImage file, boolean folderExisted) implements PlatformImage {}
