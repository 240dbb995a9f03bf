package dev.synin.attachment;

import java.util.Map;

/** The media type of a text file: by its extension, since every text looks alike; plain text for source code. */
final class TextTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of("md", "text/markdown", "markdown", "text/markdown", "csv",
            "text/csv", "tsv", "text/tab-separated-values", "json", "application/json", "xml", "application/xml", "yaml",
            "application/yaml", "yml", "application/yaml");

    private TextTypes() {
    }

    static String of(String name) {
        return FileName.extension(name).map(BY_EXTENSION::get).orElse("text/plain");
    }
}
