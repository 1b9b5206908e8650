using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiPlusTasks.Workflows.Definitions;

/// <summary>
/// Reads and writes Elsa 3 workflow JSON. Reading then writing keeps every property: the ones the engine uses are
/// mapped to the model, the rest are carried in <c>Extensions</c>/<c>Properties</c> in their original order. Connections
/// are read in both of Elsa's forms (nested and flat) and written in the nested form Elsa 3 writes.
/// </summary>
public static class WorkflowDefinitionJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    private static readonly HashSet<string> TopLevelNames =
    [
        "id", "definitionId", "name", "description", "version", "isLatest", "isPublished", "variables", "inputs", "outputs", "root",
    ];

    private static readonly HashSet<string> ActivityNames = ["id", "type", "version", "name", "metadata", "activities", "connections", "body"];

    /// <summary>Parses a definition.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A file name or request description used in error messages.</param>
    /// <exception cref="DefinitionFormatException">Malformed JSON (line and position) or a wrong shape (JSON path).</exception>
    public static WorkflowDefinition Read(string json, string? source = null)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new DefinitionFormatException(FirstSentence(e.Message), source, (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, null, e);
        }

        var reader = new ShapeReader(source);
        return reader.ReadDefinition(node);
    }

    /// <summary>Writes a definition as indented Elsa 3 JSON.</summary>
    public static string Write(WorkflowDefinition definition) => ToJson(definition).ToJsonString(WriteOptions);

    /// <summary>Builds the Elsa 3 JSON object of a definition.</summary>
    public static JsonObject ToJson(WorkflowDefinition definition)
    {
        var result = new JsonObject
        {
            ["id"] = definition.Id,
            ["definitionId"] = definition.DefinitionId,
            ["name"] = definition.Name,
        };
        if (definition.Description is not null)
        {
            result["description"] = definition.Description;
        }

        result["version"] = definition.Version;
        result["isLatest"] = definition.IsLatest;
        result["isPublished"] = definition.IsPublished;
        result["variables"] = new JsonArray([.. definition.Variables.Select(WriteVariable)]);
        result["inputs"] = new JsonArray([.. definition.Inputs.Select(i => (JsonNode)i.DeepClone())]);
        result["outputs"] = new JsonArray([.. definition.Outputs.Select(o => (JsonNode)o.DeepClone())]);
        foreach (var (key, value) in definition.Extensions)
        {
            result[key] = value?.DeepClone();
        }

        result["root"] = WriteActivity(definition.Root);
        return result;
    }

    private static JsonObject WriteVariable(VariableDefinition variable)
    {
        var result = new JsonObject();
        if (variable.Id is not null)
        {
            result["id"] = variable.Id;
        }

        result["name"] = variable.Name;
        result["typeName"] = variable.TypeName;
        result["value"] = variable.Value?.DeepClone();
        foreach (var (key, value) in variable.Extensions)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    private static JsonObject WriteActivity(ActivityNode activity)
    {
        var result = new JsonObject
        {
            ["id"] = activity.Id,
            ["type"] = activity.Type,
            ["version"] = activity.Version,
        };
        if (activity.Name is not null)
        {
            result["name"] = activity.Name;
        }

        foreach (var (key, value) in activity.Properties)
        {
            result[key] = value?.DeepClone();
        }

        if (activity.Type is ActivityTypes.Flowchart or ActivityTypes.Sequence || activity.Activities.Count > 0)
        {
            result["activities"] = new JsonArray([.. activity.Activities.Select(a => (JsonNode)WriteActivity(a))]);
        }

        if (activity.Type == ActivityTypes.Flowchart || activity.Connections.Count > 0)
        {
            result["connections"] = new JsonArray([.. activity.Connections.Select(c => (JsonNode)WriteConnection(c))]);
        }

        if (activity.Body is not null)
        {
            result["body"] = WriteActivity(activity.Body);
        }

        result["metadata"] = activity.Metadata.DeepClone();
        return result;
    }

    private static JsonObject WriteConnection(Connection connection)
    {
        var result = new JsonObject
        {
            ["source"] = WriteEndpoint(connection.Source),
            ["target"] = WriteEndpoint(connection.Target),
        };
        foreach (var (key, value) in connection.Extensions)
        {
            result[key] = value?.DeepClone();
        }

        return result;
    }

    private static JsonObject WriteEndpoint(Connection.Endpoint endpoint)
    {
        var result = new JsonObject { ["activity"] = endpoint.Activity };
        if (endpoint.Port is not null)
        {
            result["port"] = endpoint.Port;
        }

        return result;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut].TrimEnd() : message;
    }

    /// <summary>Walks the parsed JSON and reports the first shape error with its JSON path.</summary>
    private sealed class ShapeReader(string? source)
    {
        public WorkflowDefinition ReadDefinition(JsonNode? node)
        {
            var obj = AsObject(node, "$");
            var root = ReadActivity(obj["root"], "$.root");
            var definitionId = OptionalString(obj, "definitionId", "$") ?? root.Name ?? throw Error("definitionId is required", "$.definitionId");
            var definition = new WorkflowDefinition
            {
                Id = OptionalString(obj, "id", "$") ?? Guid.NewGuid().ToString("N"),
                DefinitionId = definitionId,
                Name = OptionalString(obj, "name", "$"),
                Description = OptionalString(obj, "description", "$"),
                Version = OptionalInt(obj, "version", "$") ?? 1,
                IsLatest = OptionalBool(obj, "isLatest", "$") ?? true,
                IsPublished = OptionalBool(obj, "isPublished", "$") ?? false,
                Root = root,
            };
            definition.Variables.AddRange(ReadArray(obj, "variables", "$").Select((v, i) => ReadVariable(v, $"$.variables[{i}]")));
            definition.Inputs.AddRange(ReadArray(obj, "inputs", "$").Select((v, i) => (JsonObject)AsObject(v, $"$.inputs[{i}]").DeepClone()));
            definition.Outputs.AddRange(ReadArray(obj, "outputs", "$").Select((v, i) => (JsonObject)AsObject(v, $"$.outputs[{i}]").DeepClone()));
            foreach (var (key, value) in obj)
            {
                if (!TopLevelNames.Contains(key))
                {
                    definition.Extensions[key] = value?.DeepClone();
                }
            }

            return definition;
        }

        private VariableDefinition ReadVariable(JsonNode? node, string path)
        {
            var obj = AsObject(node, path);
            var variable = new VariableDefinition
            {
                Name = OptionalString(obj, "name", path) ?? throw Error("a variable needs a name", path + ".name"),
                Id = OptionalString(obj, "id", path),
                TypeName = OptionalString(obj, "typeName", path) ?? "Object",
                Value = obj["value"]?.DeepClone(),
            };
            foreach (var (key, value) in obj)
            {
                if (key is not ("name" or "id" or "typeName" or "value"))
                {
                    variable.Extensions[key] = value?.DeepClone();
                }
            }

            return variable;
        }

        private ActivityNode ReadActivity(JsonNode? node, string path)
        {
            var obj = AsObject(node, path);
            var activity = new ActivityNode
            {
                Id = OptionalString(obj, "id", path) ?? throw Error("an activity needs an id", path + ".id"),
                Type = OptionalString(obj, "type", path) ?? throw Error("an activity needs a type", path + ".type"),
                Version = OptionalInt(obj, "version", path) ?? 1,
                Name = OptionalString(obj, "name", path),
                Metadata = obj["metadata"] is null ? [] : (JsonObject)AsObject(obj["metadata"], path + ".metadata").DeepClone(),
                Body = obj["body"] is null ? null : ReadActivity(obj["body"], path + ".body"),
            };
            activity.Activities.AddRange(ReadArray(obj, "activities", path).Select((a, i) => ReadActivity(a, $"{path}.activities[{i}]")));
            activity.Connections.AddRange(ReadArray(obj, "connections", path).Select((c, i) => ReadConnection(c, $"{path}.connections[{i}]")));
            foreach (var (key, value) in obj)
            {
                if (!ActivityNames.Contains(key))
                {
                    activity.Properties[key] = value?.DeepClone();
                }
            }

            return activity;
        }

        /// <summary>
        /// Reads a connection in either form Elsa 3 reads: nested <c>{"source": {"activity", "port"}, "target": {"activity",
        /// "port"}}</c> (<c>ConnectionJsonConverter</c>; also with Elsa's PascalCase names) or flat <c>{"source": "a",
        /// "target": "b", "sourcePort": "Done", "targetPort": "In"}</c> (<c>ObsoleteConnectionJsonConverter</c>). Properties
        /// neither form uses (designer vertices…) are kept; the writer writes the nested form.
        /// </summary>
        private Connection ReadConnection(JsonNode? node, string path)
        {
            var obj = AsObject(node, path);
            var sourceName = NameOf(obj, "source");
            var targetName = NameOf(obj, "target");
            var flat = obj[sourceName] is JsonValue || obj[targetName] is JsonValue;
            var used = new HashSet<string>(StringComparer.Ordinal) { sourceName, targetName };
            Connection connection;
            if (flat)
            {
                used.Add("sourcePort");
                used.Add("targetPort");
                connection = new Connection
                {
                    Source = new Connection.Endpoint(FlatActivity(obj, sourceName, targetName, path), OptionalString(obj, "sourcePort", path)),
                    Target = new Connection.Endpoint(FlatActivity(obj, targetName, sourceName, path), OptionalString(obj, "targetPort", path)),
                };
            }
            else
            {
                connection = new Connection
                {
                    Source = ReadEndpoint(obj[sourceName], $"{path}.{sourceName}"),
                    Target = ReadEndpoint(obj[targetName], $"{path}.{targetName}"),
                };
            }

            foreach (var (key, value) in obj)
            {
                if (!used.Contains(key))
                {
                    connection.Extensions[key] = value?.DeepClone();
                }
            }

            return connection;
        }

        /// <summary>An end of a flat connection: an activity id, the other end being one too.</summary>
        private string FlatActivity(JsonObject obj, string name, string other, string path)
        {
            if (obj[name] is JsonValue value && value.TryGetValue<string>(out var id))
            {
                return id;
            }

            var form = $"a connection is either flat, with '{other}' and '{name}' both activity ids (and 'sourcePort', 'targetPort'), " +
                "or nested, with both {\"activity\", \"port\"} objects";
            throw Error(obj[name] is null ? $"'{name}' is missing: {form}" : $"'{name}' must be an activity id: {form}", $"{path}.{name}");
        }

        private Connection.Endpoint ReadEndpoint(JsonNode? node, string path)
        {
            var obj = AsObject(node, path);
            var activityName = NameOf(obj, "activity");
            var portName = NameOf(obj, "port");
            var activity = OptionalString(obj, activityName, path) ?? throw Error("a connection end needs an activity", $"{path}.{activityName}");
            return new Connection.Endpoint(activity, OptionalString(obj, portName, path));
        }

        /// <summary>The property's camelCase name, or its PascalCase name when only that is present (Elsa's converter reads both).</summary>
        private static string NameOf(JsonObject obj, string camel)
        {
            var pascal = char.ToUpperInvariant(camel[0]) + camel[1..];
            return !obj.ContainsKey(camel) && obj.ContainsKey(pascal) ? pascal : camel;
        }

        private JsonArray ReadArray(JsonObject obj, string name, string path)
        {
            return obj[name] switch
            {
                null => [],
                JsonArray array => array,
                _ => throw Error($"'{name}' must be an array", $"{path}.{name}"),
            };
        }

        private JsonObject AsObject(JsonNode? node, string path) =>
            node as JsonObject ?? throw Error("an object is required", path);

        private string? OptionalString(JsonObject obj, string name, string path)
        {
            var node = obj[name];
            if (node is null)
            {
                return null;
            }

            return node is JsonValue value && value.TryGetValue<string>(out var text)
                ? text
                : throw Error($"'{name}' must be a string", $"{path}.{name}");
        }

        private int? OptionalInt(JsonObject obj, string name, string path)
        {
            var node = obj[name];
            if (node is null)
            {
                return null;
            }

            return node is JsonValue value && value.TryGetValue<int>(out var number)
                ? number
                : throw Error($"'{name}' must be a whole number", $"{path}.{name}");
        }

        private bool? OptionalBool(JsonObject obj, string name, string path)
        {
            var node = obj[name];
            if (node is null)
            {
                return null;
            }

            return node is JsonValue value && value.TryGetValue<bool>(out var flag)
                ? flag
                : throw Error($"'{name}' must be true or false", $"{path}.{name}");
        }

        private DefinitionFormatException Error(string message, string path) => new(message, source, null, null, path);
    }
}
