using System.Diagnostics;
using AiPlusTasks.Workflows.Activities;
using AiPlusTasks.Workflows.Definitions;
using AiPlusTasks.Workflows.Execution;
using AiPlusTasks.Workflows.Expressions;
using Microsoft.Extensions.Options;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Workflows.Tests.Expressions;

/// <summary>
/// The sandbox's limits hold against the scripts that got past them (issue 17): a blocking <c>Atomics.wait</c>, a
/// backtracking regular expression, and single calls that allocate far beyond the memory limit at once. Each script runs
/// as an <c>Elsa.RunJavaScript</c> activity in a burst, the way the engine runs it, under the default limits (2 s,
/// 32 MiB) unless a test says otherwise.
/// </summary>
[Trait("Category", "Security")]
public sealed class JavaScriptSandboxLimitsTests
{
    private static readonly ActivityRegistry Registry = new(CoreActivities.Create());

    /// <summary>
    /// The first script and the first compiled regular expression of a process cost seconds of start-up (JIT, code
    /// generation) that are no part of what the limits measure; they are paid here, before any test times a script.
    /// </summary>
    static JavaScriptSandboxLimitsTests() => Run("/(a+)+$/.test('a'.repeat(16) + 'b') || new Uint8Array(4).join().length");

    [Theory]
    [InlineData("typeof Atomics")]
    [InlineData("typeof SharedArrayBuffer")]
    [InlineData("typeof globalThis.Atomics")]
    [InlineData("typeof globalThis['Shared' + 'ArrayBuffer']")]
    public void Evaluate_SharedMemoryGlobals_AreNotThere(string script)
    {
        var (burst, elapsed) = Run(script);

        Assert.Equal(WorkflowStatus.Finished, burst.Status);
        Assert.Equal("undefined", burst.State.Results["script"]!.GetValue<string>());
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
    }

    [Fact]
    public void Evaluate_AtomicsWaitForever_FaultsAtOnceInsteadOfBlocking()
    {
        var (burst, elapsed) = Run("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)");

        AssertFaulted(burst, "Atomics is not defined");
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"took {elapsed}");
    }

    [Fact]
    public void Evaluate_AtomicsReachedThroughAnotherRealmObject_IsNotThere()
    {
        // A typed array's constructor chain is the only other road to the intrinsics; none of it leads to Atomics.
        var (burst, _) = Run("Object.getOwnPropertyNames(globalThis).filter(n => /atomic|shared/i.test(n)).join(',')");

        Assert.Equal(WorkflowStatus.Finished, burst.Status);
        Assert.Equal("", burst.State.Results["script"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/(a+)+$/.test('a'.repeat(40) + 'b')")]
    [InlineData("new RegExp('(x+x+)+y').test('x'.repeat(40))")]
    [InlineData("('a'.repeat(40) + 'b').replace(/^(a|aa)+$/, '')")]
    public void Evaluate_BacktrackingRegex_StopsWithinTheScriptLimit(string script)
    {
        var (burst, elapsed) = Run(script);

        AssertFaulted(burst, "regular expression ran longer than");
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"a 2 s script limit let a regular expression run {elapsed}");
    }

    [Theory]
    [InlineData("'x'.repeat(2 ** 27).length")]
    [InlineData("'x'.padStart(2 ** 27, 'y').length")]
    [InlineData("'x'.padEnd(2 ** 27).length")]
    [InlineData("new Array(2 ** 22).fill('abcdefgh').join('abcdefgh').length")]
    [InlineData("'x'.concat('y'.repeat(2 ** 20), 'z'.repeat(2 ** 20), 'w'.repeat(2 ** 20), 'v'.repeat(2 ** 20), 'u'.repeat(2 ** 20), 't'.repeat(2 ** 20), 's'.repeat(2 ** 20), 'r'.repeat(2 ** 20), 'q'.repeat(2 ** 20), 'p'.repeat(2 ** 20), 'o'.repeat(2 ** 20), 'n'.repeat(2 ** 20), 'm'.repeat(2 ** 20), 'l'.repeat(2 ** 20), 'k'.repeat(2 ** 20), 'j'.repeat(2 ** 20), 'i'.repeat(2 ** 20)).length")]
    [InlineData("new ArrayBuffer(2 ** 30).byteLength")]
    [InlineData("new ArrayBuffer(8, { maxByteLength: 2 ** 30 }).resize(2 ** 30)")]
    [InlineData("new Float64Array(2 ** 27).length")]
    [InlineData("new Uint8Array(2 ** 30).length")]
    [InlineData("new Array(2 ** 27).fill(0).length")]
    [InlineData("Array.from({ length: 2 ** 27 }).length")]
    [InlineData("bytesFromString('x'.repeat(2 ** 24) + 'y'.repeat(2 ** 24)).byteLength")]
    public void Evaluate_OneCallAllocatingPastTheMemoryLimit_FaultsQuickly(string script)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var (burst, elapsed) = Run(script);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        AssertFaulted(burst, "more than the limit of");
        Assert.True(elapsed < TimeSpan.FromSeconds(4), $"took {elapsed}");
        Assert.True(allocated < 256L * 1024 * 1024, $"the script allocated {allocated:N0} bytes under a 32 MiB limit");
    }

    [Theory]
    [InlineData("'x'.repeat(1000).length", 1000)]
    [InlineData("'ab'.padStart(100, '-').length", 100)]
    [InlineData("new Array(1000).fill('abc').join(',').length", 3999)]
    [InlineData("new ArrayBuffer(1024 * 1024).byteLength", 1024 * 1024)]
    [InlineData("new Float64Array(100000).length", 100000)]
    [InlineData("new Array(100000).fill(1).length", 100000)]
    [InlineData("/^(a|b)+$/.test('ab'.repeat(1000)) ? 1 : 0", 1)]
    public void Evaluate_OrdinaryScripts_StillRun(string script, int expected)
    {
        var (burst, _) = Run(script);

        Assert.Equal(WorkflowStatus.Finished, burst.Status);
        Assert.Equal(expected, burst.State.Results["script"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_RegexTimeoutBeyondTheScriptLimit_IsCutToTheScriptLimit()
    {
        var options = new JavaScriptOptions { Timeout = TimeSpan.FromMilliseconds(500), RegexTimeout = TimeSpan.FromMinutes(5) };

        var (burst, elapsed) = Run("/(a+)+$/.test('a'.repeat(40) + 'b')", options);

        AssertFaulted(burst, "regular expression ran longer than the limit of 500 ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"took {elapsed}");
    }

    [Fact]
    public void Evaluate_SeveralLargeAllocationsInOneStatement_CountTogether()
    {
        // Three strings of 16 MiB each, in one statement: each alone is under the 32 MiB limit, together they are not.
        var (burst, _) = Run("['x'.repeat(2 ** 23), 'y'.repeat(2 ** 23), 'z'.repeat(2 ** 23)].length");

        AssertFaulted(burst, "more than the limit of");
    }

    [Fact]
    public void Evaluate_Cancelled_StopsTheScriptAsACancellation()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var options = new JavaScriptOptions { Timeout = TimeSpan.FromMinutes(5), StatementLimit = int.MaxValue - 1 };
        var evaluator = new JavaScriptEvaluator(Options.Create(options));
        var scope = new StoppableScope(stop.Token);

        // Timed from the moment the stop is signalled: on a busy machine the timer that signals it may itself run late.
        var watch = Stopwatch.StartNew();
        using var signalled = stop.Token.Register(watch.Restart);
        Assert.ThrowsAny<OperationCanceledException>(() => evaluator.Evaluate("while (true) {}", scope));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    private static void AssertFaulted(Burst burst, string expected)
    {
        Assert.Equal(WorkflowStatus.Faulted, burst.Status);
        var incident = Assert.Single(burst.State.Incidents);
        Assert.Contains(expected, incident.Message, StringComparison.Ordinal);
    }

    private static (Burst Burst, TimeSpan Elapsed) Run(string script, JavaScriptOptions? options = null)
    {
        var json = Definition("sandbox", [A("script", ActivityTypes.RunJavaScript, ("script", Js(script)))], []);
        var evaluator = new ExpressionEvaluator(new JavaScriptEvaluator(Options.Create(options ?? new JavaScriptOptions())));
        var burst = new Burst(new WorkflowBlueprint(WorkflowDefinitionJson.Read(json)), "i1", null, new WorkflowState(), Registry, evaluator, DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc);
        var watch = Stopwatch.StartNew();
        burst.Start([]);
        return (burst, watch.Elapsed);
    }

    /// <summary>A scope with nothing in it but a stop signal.</summary>
    private sealed class StoppableScope(CancellationToken stop) : IExpressionScope
    {
        public CancellationToken Stopping => stop;

        public string InstanceId => "i1";

        public string? CorrelationId { get; set; }

        public DateTimeOffset Now => DateTimeOffset.UnixEpoch;

        public TimeZoneInfo TimeZone => TimeZoneInfo.Utc;

        public System.Text.Json.Nodes.JsonObject WorkflowInput { get; } = [];

        public System.Text.Json.Nodes.JsonNode? LastResult => null;

        public List<string>? RequestedOutcomes { get; set; }

        public WorkflowDefinition Definition { get; } = WorkflowDefinitionJson.Read(Definition("empty", [], []));

        public bool HasVariable(string name) => false;

        public System.Text.Json.Nodes.JsonNode? GetVariable(string name) => null;

        public void SetVariable(string name, System.Text.Json.Nodes.JsonNode? value)
        {
        }

        public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?> VisibleVariables() => new Dictionary<string, System.Text.Json.Nodes.JsonNode?>();

        public System.Text.Json.Nodes.JsonNode? GetActivityResult(string activityIdOrName) => null;

        public IEnumerable<ActivityNode> EnclosingActivities() => [];

        public IReadOnlyList<string> OutputNamesOf(ActivityNode activity) => [];

        public System.Text.Json.Nodes.JsonNode? GetActivityOutput(ActivityNode activity, string outputName) => null;
    }
}
