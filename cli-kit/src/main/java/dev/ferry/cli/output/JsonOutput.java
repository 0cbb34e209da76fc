package dev.ferry.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import dev.ferry.common.StoreKind;
import java.io.IOException;

/**
 * Every JSON document Ferry prints (--json of every command, the validation report, the load journal): one mapper,
 * indented, ISO-8601 times, and every character {@link SafeText#mustEscape} written as a {@code \}{@code uXXXX}
 * escape. Jackson escapes C0 by itself; DEL, C1 and the Unicode separators and bidi controls it would write raw.
 * Escaping in JSON loses nothing: a script reading the document gets the original strings back.
 */
public final class JsonOutput {
    /** Configured once here and never reconfigured, so sharing it is safe. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(new JsonFactory().setCharacterEscapes(new ControlEscapes()))
            .addModule(new JavaTimeModule())
            .addModule(storeNames())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private JsonOutput() {
    }

    /** A store is written by its label ("postgres"), as in the bundle and on the command line, and read back from it. */
    private static SimpleModule storeNames() {
        SimpleModule module = new SimpleModule("ferry-store-names");
        module.addSerializer(StoreKind.class, new ToStringSerializerBase(StoreKind.class) {
            @Override
            public String valueToString(Object value) {
                return ((StoreKind) value).label();
            }
        });
        module.addDeserializer(StoreKind.class, new FromStringDeserializer<StoreKind>(StoreKind.class) {
            @Override
            protected StoreKind _deserialize(String value, DeserializationContext ctxt) throws IOException {
                return StoreKind.byLabel(value).orElseThrow(() -> ctxt.weirdStringException(value, StoreKind.class, "not a store name"));
            }
        });
        return module;
    }

    /** The mapper, for code that writes or reads a JSON file of Ferry's own (the load journal). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** An empty object to build a document field by field. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A value (record, map, list) as a tree, e.g. to add to a document built field by field. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** The whole document as text: no control character in it but the indentation's line ends. */
    public static String text(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Ferry result could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Prints the document, a line at a time, through the terminal writer. */
    public static void print(Object document, TerminalWriter out) {
        text(document).lines().forEach(out::println);
        out.flush();
    }

    private static final class ControlEscapes extends CharacterEscapes {
        private final int[] ascii;

        ControlEscapes() {
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            for (int c = 0; c < ascii.length; c++) {
                if (SafeText.mustEscape(c) && ascii[c] == ESCAPE_NONE) {
                    ascii[c] = ESCAPE_STANDARD;
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            return SafeText.mustEscape(c) ? new SerializedString(String.format("\\u%04x", c)) : null;
        }
    }
}
