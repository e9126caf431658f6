package org.leakguard.agent.change;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import org.leakguard.agent.host.FileImage;

/** What a change's target was before the change: written to the journal before the change runs. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = BeforeImage.OfFile.class, name = "file"),
    @JsonSubTypes.Type(value = BeforeImage.OfValue.class, name = "value"),
    @JsonSubTypes.Type(value = BeforeImage.OfProgram.class, name = "program"),
    @JsonSubTypes.Type(value = BeforeImage.Nothing.class, name = "nothing")
})
public sealed interface BeforeImage permits BeforeImage.OfFile, BeforeImage.OfValue, BeforeImage.OfProgram, BeforeImage.Nothing, PlatformImage {

    /**
     * A file, symlink or absence.
     *
     * @param createdFolders the folders above it that did not exist, outermost first: a write
     *     creates them, and undo removes them again when they are empty
     */
    record OfFile(FileImage file, java.util.List<String> createdFolders) implements BeforeImage {
        public OfFile {
            createdFolders = createdFolders == null ? java.util.List.of() : java.util.List.copyOf(createdFolders);
        }

        public OfFile(FileImage file) {
            this(file, java.util.List.of());
        }

        /** The file's state alone: which folders were missing depends on what ran before, not on this file. */
        @Override
        public boolean equals(Object o) {
            return o instanceof OfFile other && file.equals(other.file);
        }

        @Override
        public int hashCode() {
            return file.hashCode();
        }
    }

    /** A kernel parameter's value. */
    record OfValue(String value) implements BeforeImage {}

    /** What a program's {@code read} printed, or null when the state did not exist. */
    record OfProgram(String state) implements BeforeImage {
        public boolean existed() {
            return state != null;
        }
    }

    /** A command whose undo needs no saved state. */
    record Nothing() implements BeforeImage {}
}
