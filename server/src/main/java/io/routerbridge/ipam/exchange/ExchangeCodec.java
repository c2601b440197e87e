package io.routerbridge.ipam.exchange;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Writes snapshots as CSV, XML or JSON and reads them back, remembering the line each entry starts on.
 * JSON and XML hold {@code subnets} and {@code pools} lists; CSV is one table whose {@code record}
 * column says "subnet" or "pool" and whose other columns are the union of both entries' fields.
 */
final class ExchangeCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final XmlMapper XML = XmlMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS)
            .build();
    private static final CsvSchema CSV_SCHEMA = columns();

    /** What a file holds: its entries, or the problems that make it unreadable. */
    record Parsed(List<Located<SubnetEntry>> subnets, List<Located<PoolEntry>> pools, List<ImportProblem> problems) {
    }

    private ExchangeCodec() {
    }

    static String write(IpamSnapshot snapshot, ExchangeFormat format) {
        List<Map<String, Object>> subnets = snapshot.subnets().stream().map(EntryFields::of).toList();
        List<Map<String, Object>> pools = snapshot.pools().stream().map(EntryFields::of).toList();
        try {
            return switch (format) {
                case JSON -> JSON.writeValueAsString(document(subnets, pools)) + "\n";
                case XML -> XML.writer().withRootName("ipam").writeValueAsString(
                        document(Map.of("subnet", subnets), Map.of("pool", pools)));
                case CSV -> CSV.writer(CSV_SCHEMA).writeValueAsString(csvRows(subnets, pools));
            };
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Parsed read(String text, ExchangeFormat format) {
        Parsed parsed = new Parsed(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        switch (format) {
            case JSON -> readJson(text, parsed);
            case XML -> readXml(text, parsed);
            case CSV -> readCsv(text, parsed);
        }
        return parsed;
    }

    private static Map<String, Object> document(Object subnets, Object pools) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("subnets", subnets);
        document.put("pools", pools);
        return document;
    }

    private static List<Map<String, Object>> csvRows(List<Map<String, Object>> subnets, List<Map<String, Object>> pools) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> subnet : subnets) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("record", "subnet");
            row.putAll(subnet);
            rows.add(row);
        }
        for (Map<String, Object> pool : pools) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("record", "pool");
            row.putAll(pool);
            rows.add(row);
        }
        return rows;
    }

    private static CsvSchema columns() {
        CsvSchema.Builder builder = CsvSchema.builder();
        EntryFields.csvColumns().forEach(builder::addColumn);
        return builder.build().withHeader();
    }

    private static void readJson(String text, Parsed parsed) {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parsed.problems().add(new ImportProblem(line(parser.currentTokenLocation()), null,
                        "a JSON import must be an object with subnets and pools lists"));
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String list = parser.currentName();
                int listLine = line(parser.currentTokenLocation());
                if (parser.nextToken() != JsonToken.START_ARRAY || !List.of("subnets", "pools").contains(list)) {
                    parsed.problems().add(new ImportProblem(listLine, list, "expected a subnets or pools list"));
                    return;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    int line = line(parser.currentTokenLocation());
                    JsonNode entry = JSON.readTree(parser);
                    Map<String, String> fields = jsonFields(line, entry, parsed.problems());
                    if (fields != null) {
                        add(list.equals("subnets") ? "subnet" : "pool", line, fields, parsed);
                    }
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                parsed.problems().add(new ImportProblem(line(parser.currentTokenLocation()), null,
                        "unexpected content after the subnets and pools lists"));
            }
        } catch (JsonProcessingException e) {
            parsed.problems().add(new ImportProblem(line(e.getLocation()), null,
                    "not valid JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> jsonFields(int line, JsonNode entry, List<ImportProblem> problems) {
        if (!entry.isObject()) {
            problems.add(new ImportProblem(line, null, "each entry must be a JSON object"));
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean valid = true;
        for (var field : (Iterable<Map.Entry<String, JsonNode>>) entry::fields) {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                problems.add(new ImportProblem(line, field.getKey(), field.getKey() + " must be a single value"));
                valid = false;
            } else if (!value.isNull()) {
                fields.put(field.getKey(), value.asText());
            }
        }
        return valid ? fields : null;
    }

    private static void readXml(String text, Parsed parsed) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new StringReader(text));
            reader.nextTag();
            if (!reader.getLocalName().equals("ipam")) {
                parsed.problems().add(new ImportProblem(reader.getLocation().getLineNumber(), null,
                        "the root element must be <ipam>"));
                return;
            }
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String list = reader.getLocalName();
                String entryName = switch (list) {
                    case "subnets" -> "subnet";
                    case "pools" -> "pool";
                    default -> null;
                };
                if (entryName == null) {
                    parsed.problems().add(new ImportProblem(reader.getLocation().getLineNumber(), list,
                            "expected <subnets> or <pools>, got <" + list + ">"));
                    return;
                }
                while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                    int line = reader.getLocation().getLineNumber();
                    if (!reader.getLocalName().equals(entryName)) {
                        parsed.problems().add(new ImportProblem(line, reader.getLocalName(),
                                "expected <" + entryName + "> inside <" + list + ">"));
                        return;
                    }
                    Map<String, String> fields = new LinkedHashMap<>();
                    while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        String name = reader.getLocalName();
                        fields.put(name, reader.getElementText());
                    }
                    add(entryName, line, fields, parsed);
                }
            }
            while (reader.hasNext()) {
                reader.next();
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            parsed.problems().add(new ImportProblem(line, null, "not valid XML: " + firstLine(e.getMessage())));
        } finally {
            close(reader);
        }
    }

    private static void readCsv(String text, Parsed parsed) {
        try (MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(text)) {
            CsvSchema header = (CsvSchema) rows.getParser().getSchema();
            if (!rows.hasNextValue()) {
                header = (CsvSchema) rows.getParser().getSchema();
            }
            Set<String> columns = new LinkedHashSet<>();
            header.forEach(column -> columns.add(column.getName()));
            if (!columns.equals(EntryFields.csvColumns())) {
                Set<String> missing = new LinkedHashSet<>(EntryFields.csvColumns());
                missing.removeAll(columns);
                Set<String> unknown = new LinkedHashSet<>(columns);
                unknown.removeAll(EntryFields.csvColumns());
                parsed.problems().add(new ImportProblem(1, null, "wrong columns"
                        + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                        + (unknown.isEmpty() ? "" : "; unknown: " + String.join(", ", unknown))));
                return;
            }
            while (rows.hasNextValue()) {
                Map<String, String> row = rows.nextValue();
                int line = line(rows.getParser().currentLocation()) - 1;
                Map<String, String> fields = new LinkedHashMap<>(row);
                String record = fields.remove("record");
                if (!"subnet".equals(record) && !"pool".equals(record)) {
                    parsed.problems().add(new ImportProblem(line, "record",
                            "record must be subnet or pool, got " + (record == null ? "nothing" : record)));
                    continue;
                }
                add(record, line, fields, parsed);
            }
        } catch (JsonProcessingException e) {
            parsed.problems().add(new ImportProblem(line(e.getLocation()), null,
                    "not valid CSV: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(String kind, int line, Map<String, String> fields, Parsed parsed) {
        if (kind.equals("subnet")) {
            SubnetEntry subnet = EntryFields.subnet(line, fields, parsed.problems());
            if (subnet != null) {
                parsed.subnets().add(new Located<>(line, subnet));
            }
        } else {
            PoolEntry pool = EntryFields.pool(line, fields, parsed.problems());
            if (pool != null) {
                parsed.pools().add(new Located<>(line, pool));
            }
        }
    }

    private static int line(JsonLocation location) {
        return location == null ? 0 : location.getLineNr();
    }

    private static String firstLine(String message) {
        String text = message == null ? "" : message;
        int cut = text.indexOf('\n');
        return (cut < 0 ? text : text.substring(0, cut)).trim();
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing was written, nothing to lose
            }
        }
    }
}
