package org.leakguard.platform.macos;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Reads an XML property list into the values {@link Plist} writes: String, Boolean, Long, List,
 * Map, and {@link Plist.Raw} for real, date and data, kept as written so a merge gives them back
 * unchanged. No DTD or entity is loaded. Binary plists are converted by the caller with plutil.
 */
final class PlistReader {
    private PlistReader() {}

    /** The root dictionary; anything else is an IllegalArgumentException naming what was found. */
    static Map<String, Object> dictionary(String xml) {
        Element root = document(xml);
        Element top = children(root).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the property list is empty"));
        if (!top.getTagName().equals("dict")) {
            throw new IllegalArgumentException("the property list holds a " + top.getTagName() + ", not a dict");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value(top);
        return map;
    }

    private static Element document(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setExpandEntityReferences(false);
            Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            if (!root.getTagName().equals("plist")) {
                throw new IllegalArgumentException("not a property list (root element " + root.getTagName() + ")");
            }
            return root;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a readable XML property list (" + e.getMessage() + ")", e);
        }
    }

    private static Object value(Element e) {
        String text = e.getTextContent();
        return switch (e.getTagName()) {
            case "string" -> text;
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "integer" -> Long.parseLong(text.strip());
            case "real", "date", "data" -> new Plist.Raw(e.getTagName(), text.strip());
            case "array" -> children(e).stream().map(PlistReader::value).toList();
            case "dict" -> dict(e);
            default -> throw new IllegalArgumentException("unknown property list element <" + e.getTagName() + ">");
        };
    }

    private static Map<String, Object> dict(Element e) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Element> items = children(e);
        for (int i = 0; i + 1 < items.size(); i += 2) {
            if (!items.get(i).getTagName().equals("key")) {
                throw new IllegalArgumentException("a dict entry without <key>");
            }
            out.put(items.get(i).getTextContent(), value(items.get(i + 1)));
        }
        if (items.size() % 2 != 0) {
            throw new IllegalArgumentException("a dict key without a value");
        }
        return out;
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }
}
