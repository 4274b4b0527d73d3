package io.delos.robots.ros.internal;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Encodes and decodes the XML-RPC documents ROS 1 uses, with the JDK's StAX parser.
 *
 * <p>Java types of values: {@code i4}/{@code int} is an {@link Integer}, {@code i8} a {@link Long},
 * {@code boolean} a {@link Boolean}, {@code string} (or an untyped value) a {@link String}, {@code
 * double} a {@link Double}, {@code base64} a {@code byte[]}, {@code array} a {@link List}, {@code
 * struct} a {@link Map} with string keys in document order, {@code dateTime.iso8601} its text and
 * {@code nil} null. When encoding, {@link Short} and {@link Byte} become {@code i4}, a {@link Long}
 * becomes {@code i4} when it fits and {@code i8} otherwise, a {@link Float} a {@code double}, and
 * arrays of objects an {@code array}.
 *
 * <p>The parser refuses document type declarations and external entities.
 */
public final class XmlRpcCodec {
  private static final XMLInputFactory FACTORY = newFactory();

  private XmlRpcCodec() {}

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newInstance();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    return f;
  }

  // ---- encoding

  /** A {@code methodCall} document. */
  public static String encodeCall(String method, List<?> params) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodCall><methodName>");
    escape(sb, method);
    sb.append("</methodName><params>");
    for (Object p : params) {
      sb.append("<param>");
      value(sb, p);
      sb.append("</param>");
    }
    return sb.append("</params></methodCall>").toString();
  }

  /** A {@code methodResponse} document carrying {@code result}. */
  public static String encodeResponse(Object result) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodResponse><params><param>");
    value(sb, result);
    return sb.append("</param></params></methodResponse>").toString();
  }

  /** A {@code methodResponse} document carrying a fault. */
  public static String encodeFault(int code, String message) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?><methodResponse><fault>");
    Map<String, Object> fault = new LinkedHashMap<>();
    fault.put("faultCode", code);
    fault.put("faultString", message == null ? "" : message);
    value(sb, fault);
    return sb.append("</fault></methodResponse>").toString();
  }

  private static void value(StringBuilder sb, Object v) {
    sb.append("<value>");
    if (v == null) {
      throw new IllegalArgumentException("XML-RPC as ROS uses it has no null value");
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      sb.append("<i4>").append(((Number) v).intValue()).append("</i4>");
    } else if (v instanceof Long l) {
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        sb.append("<i4>").append(l).append("</i4>");
      } else {
        sb.append("<i8>").append(l).append("</i8>");
      }
    } else if (v instanceof Boolean b) {
      sb.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (!Double.isFinite(d)) {
        throw new IllegalArgumentException("XML-RPC cannot carry the double " + d);
      }
      sb.append("<double>").append(BigDecimal.valueOf(d).toPlainString()).append("</double>");
    } else if (v instanceof CharSequence s) {
      sb.append("<string>");
      escape(sb, s.toString());
      sb.append("</string>");
    } else if (v instanceof byte[] bytes) {
      sb.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
    } else if (v instanceof List<?> list) {
      array(sb, list);
    } else if (v instanceof Object[] arr) {
      array(sb, List.of(arr));
    } else if (v instanceof Map<?, ?> map) {
      sb.append("<struct>");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        sb.append("<member><name>");
        escape(sb, String.valueOf(e.getKey()));
        sb.append("</name>");
        value(sb, e.getValue());
        sb.append("</member>");
      }
      sb.append("</struct>");
    } else {
      throw new IllegalArgumentException(
          "XML-RPC cannot carry a " + v.getClass().getName() + " (" + v + ")");
    }
    sb.append("</value>");
  }

  private static void array(StringBuilder sb, List<?> list) {
    sb.append("<array><data>");
    for (Object o : list) {
      value(sb, o);
    }
    sb.append("</data></array>");
  }

  private static void escape(StringBuilder sb, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '\r' -> sb.append("&#13;");
        default -> sb.append(c);
      }
    }
  }

  // ---- decoding

  /**
   * Decodes a {@code methodCall} document.
   *
   * @throws XmlRpcFault with code -32700 when the document is not a valid call
   */
  public static XmlRpcCall decodeCall(InputStream in) throws XmlRpcFault {
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(in);
      try {
        String method = null;
        List<Object> params = new ArrayList<>();
        expectRoot(r, "methodCall");
        while (next(r) == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "methodName" -> method = r.getElementText().strip();
            case "params" -> params = params(r);
            default -> throw new XMLStreamException("unexpected <" + r.getLocalName() + ">");
          }
        }
        if (method == null) {
          throw new XMLStreamException("no <methodName>");
        }
        return new XmlRpcCall(method, params);
      } finally {
        r.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      throw new XmlRpcFault(-32700, "not a valid XML-RPC call: " + e.getMessage());
    }
  }

  /**
   * Decodes a {@code methodResponse} document.
   *
   * @return the single result value
   * @throws XmlRpcFault when the response is a fault (with its code and string) or is not valid
   *     (code -32700)
   */
  public static Object decodeResponse(InputStream in) throws XmlRpcFault {
    Object result;
    try {
      XMLStreamReader r = FACTORY.createXMLStreamReader(in);
      try {
        expectRoot(r, "methodResponse");
        if (next(r) != XMLStreamConstants.START_ELEMENT) {
          throw new XMLStreamException("empty <methodResponse>");
        }
        if (r.getLocalName().equals("fault")) {
          nextStart(r, "value");
          Object fault = readValue(r);
          if (fault instanceof Map<?, ?> m) {
            Object code = m.get("faultCode");
            throw new XmlRpcFault(
                code instanceof Number n ? n.intValue() : 0, String.valueOf(m.get("faultString")));
          }
          throw new XmlRpcFault(0, String.valueOf(fault));
        }
        if (!r.getLocalName().equals("params")) {
          throw new XMLStreamException("unexpected <" + r.getLocalName() + ">");
        }
        List<Object> params = params(r);
        if (params.size() != 1) {
          throw new XMLStreamException("a response holds one value, found " + params.size());
        }
        result = params.get(0);
      } finally {
        r.close();
      }
    } catch (XMLStreamException | RuntimeException e) {
      throw new XmlRpcFault(-32700, "not a valid XML-RPC response: " + e.getMessage());
    }
    return result;
  }

  private static void expectRoot(XMLStreamReader r, String name) throws XMLStreamException {
    while (r.hasNext()) {
      int e = r.next();
      if (e == XMLStreamConstants.DTD) {
        throw new XMLStreamException("document type declarations are not accepted");
      }
      if (e == XMLStreamConstants.START_ELEMENT) {
        if (!r.getLocalName().equals(name)) {
          throw new XMLStreamException("expected <" + name + ">, found <" + r.getLocalName() + ">");
        }
        return;
      }
    }
    throw new XMLStreamException("no <" + name + "> element");
  }

  /** Moves to the next start or end element, skipping text; returns the event. */
  private static int next(XMLStreamReader r) throws XMLStreamException {
    while (r.hasNext()) {
      int e = r.next();
      if (e == XMLStreamConstants.START_ELEMENT || e == XMLStreamConstants.END_ELEMENT) {
        return e;
      }
      if (e == XMLStreamConstants.DTD || e == XMLStreamConstants.ENTITY_REFERENCE) {
        throw new XMLStreamException("document type declarations are not accepted");
      }
    }
    return XMLStreamConstants.END_DOCUMENT;
  }

  private static void nextStart(XMLStreamReader r, String name) throws XMLStreamException {
    if (next(r) != XMLStreamConstants.START_ELEMENT || !r.getLocalName().equals(name)) {
      throw new XMLStreamException("expected <" + name + ">");
    }
  }

  /** Reads {@code <param><value>..</value></param>*} up to {@code </params>}. */
  private static List<Object> params(XMLStreamReader r) throws XMLStreamException {
    List<Object> out = new ArrayList<>();
    while (next(r) == XMLStreamConstants.START_ELEMENT) {
      if (!r.getLocalName().equals("param")) {
        throw new XMLStreamException("expected <param>, found <" + r.getLocalName() + ">");
      }
      nextStart(r, "value");
      out.add(readValue(r));
      if (next(r) != XMLStreamConstants.END_ELEMENT) {
        throw new XMLStreamException("a <param> holds one <value>");
      }
    }
    return out;
  }

  /** Reads a value; the reader is on {@code <value>} and ends on {@code </value>}. */
  private static Object readValue(XMLStreamReader r) throws XMLStreamException {
    StringBuilder text = new StringBuilder();
    Object result = null;
    boolean typed = false;
    while (r.hasNext()) {
      int e = r.next();
      switch (e) {
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (!typed) {
            text.append(r.getText());
          }
        }
        case XMLStreamConstants.START_ELEMENT -> {
          if (typed) {
            throw new XMLStreamException("a <value> holds one typed element");
          }
          result = typed(r, r.getLocalName());
          typed = true;
        }
        case XMLStreamConstants.END_ELEMENT -> {
          return typed ? result : text.toString();
        }
        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
            throw new XMLStreamException("document type declarations are not accepted");
        default -> {}
      }
    }
    throw new XMLStreamException("the document ends inside a <value>");
  }

  private static Object typed(XMLStreamReader r, String type) throws XMLStreamException {
    switch (type) {
      case "i4", "int":
        return Integer.parseInt(r.getElementText().strip());
      case "i8":
        return Long.parseLong(r.getElementText().strip());
      case "boolean":
        {
          String t = r.getElementText().strip();
          return switch (t) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> throw new XMLStreamException("boolean '" + t + "': expected 1 or 0");
          };
        }
      case "string", "dateTime.iso8601":
        return r.getElementText();
      case "double":
        return Double.parseDouble(r.getElementText().strip());
      case "base64":
        return Base64.getMimeDecoder().decode(r.getElementText().strip());
      case "nil":
        r.getElementText();
        return null;
      case "array":
        {
          List<Object> out = new ArrayList<>();
          nextStart(r, "data");
          while (next(r) == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals("value")) {
              throw new XMLStreamException("expected <value> in <data>");
            }
            out.add(readValue(r));
          }
          // now on </data>
          if (next(r) != XMLStreamConstants.END_ELEMENT) {
            throw new XMLStreamException("expected </array>");
          }
          return out;
        }
      case "struct":
        {
          Map<String, Object> out = new LinkedHashMap<>();
          while (next(r) == XMLStreamConstants.START_ELEMENT) {
            if (!r.getLocalName().equals("member")) {
              throw new XMLStreamException("expected <member> in <struct>");
            }
            String name = null;
            Object value = null;
            boolean hasValue = false;
            while (next(r) == XMLStreamConstants.START_ELEMENT) {
              if (r.getLocalName().equals("name")) {
                name = r.getElementText();
              } else if (r.getLocalName().equals("value")) {
                value = readValue(r);
                hasValue = true;
              } else {
                throw new XMLStreamException("unexpected <" + r.getLocalName() + "> in <member>");
              }
            }
            if (name == null || !hasValue) {
              throw new XMLStreamException("a <member> needs a <name> and a <value>");
            }
            out.put(name, value);
          }
          return out;
        }
      default:
        throw new XMLStreamException("unknown XML-RPC type <" + type + ">");
    }
  }
}
