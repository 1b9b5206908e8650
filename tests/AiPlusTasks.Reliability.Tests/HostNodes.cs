namespace AiPlusTasks.Reliability.Tests;

/// <summary>
/// The Host processes of one test over one database: starts them with the database's settings plus the test's own,
/// writes every node's output to the test output when the test fails, and kills whatever is left at the end.
/// </summary>
public sealed class HostNodes(TestDatabase database, ITestOutputHelper output, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private readonly List<HostNode> _started = [];

    public TestDatabase Database => database;

    /// <summary>Starts a node on <paramref name="port"/> (0: a free one; a dead node's port to restart it in its place).</summary>
    public async Task<HostNode> StartAsync(string name, int port = 0)
    {
        var all = new Dictionary<string, string>(database.Settings, StringComparer.Ordinal);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var node = await HostNode.StartAsync(name, all, port);
        lock (_started)
        {
            _started.Add(node);
        }

        return node;
    }

    /// <summary>Runs the test's body; when it fails, the output of every node it started goes to the test output first.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            lock (_started)
            {
                foreach (var node in _started)
                {
                    output.WriteLine(node.OutputTail());
                }
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _started)
        {
            await node.DisposeAsync();
        }

        await database.DisposeAsync();
    }
}
