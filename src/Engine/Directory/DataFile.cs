using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// A parsed data file and the problems found in it so far. Readers check every value, collect every problem and call
/// <see cref="ThrowIfProblems"/> once at the end, so one run reports everything wrong with the file.
/// </summary>
internal sealed partial class DataFile
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly List<DirectoryDataProblem> _problems = [];
    private readonly JsonLineMap _lines;

    private DataFile(string path, JsonElement root, JsonLineMap lines)
    {
        Path = path;
        Root = root;
        _lines = lines;
    }

    public string Path { get; }

    public JsonElement Root { get; }

    /// <summary>Reads and parses a file.</summary>
    /// <exception cref="DirectoryDataException">The file is not JSON; the one problem carries line and position.</exception>
    public static DataFile Open(string path)
    {
        ReadOnlyMemory<byte> utf8 = File.ReadAllBytes(path);
        if (utf8.Span.StartsWith("\uFEFF"u8))
        {
            utf8 = utf8[3..];
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(utf8, DocumentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            var problem = new DirectoryDataProblem("", "malformed JSON: " + FirstSentence(e.Message), (e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1);
            throw new DirectoryDataException(path, [problem], e);
        }

        var readerOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return new DataFile(path, root, JsonLineMap.Build(utf8.Span, readerOptions));
    }

    public void Problem(string path, string message) => _problems.Add(new DirectoryDataProblem(path, message, _lines.LineOf(path)));

    /// <summary>A problem about the file as a whole (a count, a missing entry): no line.</summary>
    public void FileProblem(string path, string message) => _problems.Add(new DirectoryDataProblem(path, message, null));

    public long? LineOf(string path) => _lines.LineOf(path);

    /// <summary>Throws when a problem was recorded: problems in line order, those about the whole file last.</summary>
    /// <exception cref="DirectoryDataException">Some problem was recorded.</exception>
    public void ThrowIfProblems()
    {
        if (_problems.Count > 0)
        {
            throw new DirectoryDataException(Path, [.. _problems.OrderBy(p => p.Line ?? long.MaxValue)]);
        }
    }

    /// <summary>The array in property <paramref name="name"/> of the root object, or null (with a problem).</summary>
    public JsonElement? RootArray(string name, IReadOnlyCollection<string> allowedProperties)
    {
        if (Root.ValueKind != JsonValueKind.Object)
        {
            Problem("", $"the file must hold a JSON object with a '{name}' array");
            return null;
        }

        CheckProperties(Root, "", allowedProperties);
        if (!Root.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            Problem(name, $"'{name}' must be an array");
            return null;
        }

        return array;
    }

    /// <summary>Records a problem for each property not in <paramref name="allowed"/> (typos such as <c>nameZH</c>).</summary>
    public void CheckProperties(JsonElement element, string path, IReadOnlyCollection<string> allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                Problem(Join(path, property.Name), $"unknown property '{property.Name}'; expected {string.Join(", ", allowed)}");
            }
        }
    }

    /// <summary>A required, non-blank string, or null (with a problem).</summary>
    public string? RequiredString(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Problem(Join(path, name), $"'{name}' is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Problem(Join(path, name), $"'{name}' must be a string");
            return null;
        }

        var text = value.GetString()!;
        if (string.IsNullOrWhiteSpace(text))
        {
            Problem(Join(path, name), $"'{name}' is empty");
            return null;
        }

        return text;
    }

    /// <summary>A required code matching <c>^[a-z][a-z0-9]*(\.[a-z0-9]+)*$</c>, or null (with a problem).</summary>
    public string? RequiredCode(JsonElement element, string path, string name)
    {
        var code = RequiredString(element, path, name);
        return code is null ? null : CheckCode(code, Join(path, name), name);
    }

    /// <summary>An optional code (absent or null gives null, silently); a present but bad one gives null with a problem.</summary>
    public string? OptionalCode(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return RequiredCode(element, path, name);
    }

    /// <summary>A required enum value written in camelCase (<c>directlyUnder</c>), or null (with a problem).</summary>
    public TEnum? RequiredEnum<TEnum>(JsonElement element, string path, string name)
        where TEnum : struct, Enum
    {
        var text = RequiredString(element, path, name);
        if (text is null)
        {
            return null;
        }

        foreach (var value in Enum.GetValues<TEnum>())
        {
            if (JsonNamingPolicy.CamelCase.ConvertName(value.ToString()) == text)
            {
                return value;
            }
        }

        var expected = string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName));
        Problem(Join(path, name), $"'{name}' is '{text}'; expected one of {expected}");
        return null;
    }

    /// <summary>A required whole number in <paramref name="min"/>..<paramref name="max"/>, or null (with a problem).</summary>
    public int? RequiredInt(JsonElement element, string path, string name, int min, int max)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Problem(Join(path, name), $"'{name}' is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            Problem(Join(path, name), $"'{name}' must be a whole number from {min} to {max}");
            return null;
        }

        return number;
    }

    /// <summary>A required number, or null (with a problem).</summary>
    public decimal? RequiredDecimal(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            Problem(Join(path, name), $"'{name}' is missing");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            Problem(Join(path, name), $"'{name}' must be a number");
            return null;
        }

        return number;
    }

    /// <summary>The array in property <paramref name="name"/>, or null (with a problem).</summary>
    public JsonElement? RequiredArray(JsonElement element, string path, string name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            Problem(Join(path, name), $"'{name}' must be an array");
            return null;
        }

        return value;
    }

    /// <summary>True for an object; otherwise records a problem.</summary>
    public bool IsObject(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Problem(path, "must be a JSON object");
        return false;
    }

    /// <summary>Where a code was first defined, for duplicate messages: <c>agencies[1] (line 8)</c>.</summary>
    public string Describe(string path) => LineOf(path) is { } line ? $"{path} (line {line})" : path;

    public static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private string? CheckCode(string code, string path, string name)
    {
        if (CodePattern().IsMatch(code))
        {
            return code;
        }

        Problem(path, $"'{name}' '{code}' must be lower-case ASCII letters and digits in dot-separated segments, starting with a letter");
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).Trim();
    }

    [GeneratedRegex(@"^[a-z][a-z0-9]*(\.[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
