using System.Text.Json;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// The 1-based line where each value of a JSON text starts, by JSON path (<c>agencies[3].parent</c>; the root is the
/// empty path). <see cref="JsonDocument"/> keeps no positions, so a second pass with <see cref="Utf8JsonReader"/>
/// records them for error messages.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, long> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>Maps a text that <see cref="JsonDocument"/> has already parsed with the same options.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8, JsonReaderOptions options)
    {
        var map = new JsonLineMap();
        var reader = new Utf8JsonReader(utf8, options);
        var containers = new Stack<Container>();
        long line = 1;
        var counted = 0;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    containers.Peek().Property = reader.GetString();
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.Pop();
                    AfterValue(containers);
                    break;
                default:
                    var start = (int)reader.TokenStartIndex;
                    line += utf8[counted..start].Count((byte)'\n');
                    counted = start;
                    var path = containers.Count == 0 ? "" : containers.Peek().ChildPath();
                    map._lines.TryAdd(path, line);
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        containers.Push(new Container(path, reader.TokenType == JsonTokenType.StartArray));
                    }
                    else
                    {
                        AfterValue(containers);
                    }

                    break;
            }
        }

        return map;
    }

    /// <summary>The line of the value at <paramref name="path"/>, or of the nearest enclosing value that exists.</summary>
    public long? LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            if (path.Length == 0)
            {
                return null;
            }

            path = path[..Math.Max(0, path.LastIndexOfAny(['.', '[']))];
        }
    }

    private static void AfterValue(Stack<Container> containers)
    {
        if (containers.TryPeek(out var parent) && parent.IsArray)
        {
            parent.Index++;
        }
    }

    private sealed class Container(string path, bool isArray)
    {
        public bool IsArray { get; } = isArray;

        public int Index { get; set; }

        public string? Property { get; set; }

        public string ChildPath() => IsArray ? $"{path}[{Index}]" : path.Length == 0 ? Property ?? "" : $"{path}.{Property}";
    }
}
