package org.leakguard.agent.schedule;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The state of the task from {@code schtasks /Query /TN name /XML}: the task's definition in the
 * Task Scheduler schema, whose element names and values no display language changes. Pure: no I/O.
 * schtasks prints the next run, the last run and the last result only in its list and table
 * formats, whose labels and values are in the display language, so those stay unknown.
 */
final class TaskQuery {
    static final String UNKNOWN = "next run, last run and last result are unknown: schtasks prints them only as display-language"
            + " text; see Task Scheduler (taskschd.msc) or Get-ScheduledTaskInfo " + TaskXml.NAME;

    private TaskQuery() {}

    /** {@code enabled} or {@code disabled} (the schema's Settings/Enabled, true when absent), and the command the task runs. */
    static SchedulerState parse(String xml) {
        Element task;
        try {
            task = document(xml).getDocumentElement();
        } catch (IOException | SAXException | ParserConfigurationException e) {
            return SchedulerState.unknown("schtasks /Query /XML printed no task XML (" + e.getMessage() + ")");
        }
        if (!"Task".equals(task.getLocalName())) {
            return SchedulerState.unknown("schtasks /Query /XML printed <" + task.getLocalName() + ">, not a <Task>");
        }
        Element settings = child(task, "Settings");
        Element enabled = settings == null ? null : child(settings, "Enabled");
        boolean on = enabled == null || Boolean.parseBoolean(enabled.getTextContent().strip());
        Element actions = child(task, "Actions");
        Element exec = actions == null ? null : child(actions, "Exec");
        Element command = exec == null ? null : child(exec, "Command");
        String runs = command == null ? "" : "runs " + command.getTextContent().strip() + "; ";
        return new SchedulerState(on ? "enabled" : "disabled", null, null, null, runs + UNKNOWN);
    }

    private static Document document(String xml) throws IOException, SAXException, ParserConfigurationException {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        // The declaration says UTF-16; the text is already decoded, so it is read as characters.
        int start = xml.indexOf('<');
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(start < 0 ? xml : xml.substring(start))));
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
