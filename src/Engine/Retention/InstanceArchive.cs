using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AiPlusTasks.Engine.Retention;

/// <summary>
/// An archive file of finished instances: gzip-compressed JSON lines, one line per instance holding the instance row
/// (its state as JSON), its journal, its tasks with their history (events) and progress reports, its supervision actions
/// and its joint reviews with their reviewers. Written by <see cref="RetentionService"/> a batch at a time, each batch
/// flushed to disk before its rows are deleted.
/// </summary>
public sealed class InstanceArchive : IAsyncDisposable
{
    /// <summary>The JSON of the archive lines: camelCase, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly FileStream _file;
    private readonly GZipStream _gzip;

    private InstanceArchive(string path, FileStream file)
    {
        Path = path;
        _file = file;
        _gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true);
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The file's name (what the tombstones record).</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>Creates a new file <c>instances-yyyyMMdd-HHmmss[-n].jsonl.gz</c> (UTC) in <paramref name="folder"/>, never overwriting one.</summary>
    public static InstanceArchive Create(string folder, DateTimeOffset now)
    {
        System.IO.Directory.CreateDirectory(folder);
        var stem = $"instances-{now.UtcDateTime:yyyyMMdd-HHmmss}";
        for (var n = 1; ; n++)
        {
            var path = System.IO.Path.Combine(folder, n == 1 ? $"{stem}.jsonl.gz" : $"{stem}-{n}.jsonl.gz");
            try
            {
                return new InstanceArchive(path, new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another run (or node) took this name in the same second: the next one.
            }
        }
    }

    /// <summary>Appends lines and makes them durable (flushed through the compressor to the disk).</summary>
    public async Task WriteAsync(IEnumerable<JsonObject> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            await _gzip.WriteAsync(Encoding.UTF8.GetBytes(line.ToJsonString(Json) + "\n"), cancellationToken);
        }

        await _gzip.FlushAsync(cancellationToken);
        await _file.FlushAsync(cancellationToken);
        _file.Flush(flushToDisk: true);
    }

    /// <summary>Reads every line of an archive file back.</summary>
    public static async IAsyncEnumerable<JsonObject> ReadAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length > 0)
            {
                yield return JsonNode.Parse(line)!.AsObject();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gzip.DisposeAsync();
        await _file.DisposeAsync();
    }
}
