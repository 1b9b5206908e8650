using System.Text.Json.Nodes;
using static AiPlusTasks.Tests.Shared.Wf;

namespace AiPlusTasks.Workflows.Tests.Execution;

/// <summary>
/// A seeded random flowchart for the property tests: activities in topological order (every connection goes from an
/// earlier activity to a later one, every activity but the first has one to three inbound connections), written as
/// Elsa 3 JSON with its activities and connections in any order.
/// </summary>
internal sealed record RandomFlowchart(IReadOnlyList<RandomFlowchart.Node> Nodes, IReadOnlyList<RandomFlowchart.Edge> Edges)
{
    public enum Kind
    {
        Line,
        Decision,
        Fork,
        Join,
        Wait,
        Loop,
        End,
    }

    /// <summary>Which shapes a generated flowchart may use.</summary>
    /// <param name="Timed">Allows End and WaitAny joins, whose result depends on when things happen (then no waits and no loops).</param>
    public sealed record Options(bool Timed);

    /// <param name="Join">
    /// For <see cref="Kind.Join"/> a <c>FlowJoin</c> mode (null: none, Elsa's default WaitAny); for other kinds a merge
    /// mode in <c>customProperties</c> (null: none, the implicit join).
    /// </param>
    /// <param name="Outcome">A decision's constant outcome.</param>
    /// <param name="Iterations">How often a loop's body runs (do-while).</param>
    public sealed record Node(string Id, Kind Kind, string? Join, bool Outcome, int Iterations);

    public sealed record Edge(int From, string Port, int To);

    public static RandomFlowchart Generate(int seed, Options options)
    {
        var random = new Random(seed);
        var count = random.Next(4, 13);
        var nodes = new List<Node> { new("n0", Kind.Line, null, false, 0) };
        var edges = new List<Edge>();
        for (var i = 1; i < count; i++)
        {
            Kind[] kinds = options.Timed
                ? [Kind.Line, Kind.Line, Kind.Decision, Kind.Fork, Kind.Fork, Kind.Join, Kind.Join, Kind.End]
                : [Kind.Line, Kind.Line, Kind.Decision, Kind.Fork, Kind.Fork, Kind.Join, Kind.Join, Kind.Wait, Kind.Loop];
            var kind = kinds[random.Next(kinds.Length)];
            string?[] joins = kind == Kind.Join
                ? options.Timed ? ["WaitAll", "WaitAllActive", "WaitAny", null] : ["WaitAll", "WaitAllActive"]
                : options.Timed ? [null, null, "Merge", "Stream", "Converge", "Race"] : [null, null, "Merge", "Stream", "Converge"];
            nodes.Add(new Node($"n{i}", kind, joins[random.Next(joins.Length)], random.Next(2) == 0, random.Next(1, 4)));

            var sources = Enumerable.Range(0, i).Where(j => nodes[j].Kind != Kind.End).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            if (sources.Count == 0)
            {
                sources = [0];
            }

            foreach (var source in sources)
            {
                var port = nodes[source].Kind switch
                {
                    Kind.Decision => random.Next(2) == 0 ? "True" : "False",
                    Kind.Fork => $"b{edges.Count}",
                    _ => "Done",
                };
                edges.Add(new Edge(source, port, i));
            }
        }

        return new RandomFlowchart(nodes, edges);
    }

    /// <summary>The outcomes an activity completes on when it runs.</summary>
    public IReadOnlyList<string> Outcomes(int node) => Nodes[node].Kind switch
    {
        Kind.Decision => [Nodes[node].Outcome ? "True" : "False"],
        Kind.Fork => [.. Edges.Where(e => e.From == node).Select(e => e.Port)],
        _ => ["Done"],
    };

    /// <summary>The definition as Elsa 3 JSON, its activities and connections shuffled by <paramref name="shuffleSeed"/> (none when null).</summary>
    public string ToJson(int? shuffleSeed = null)
    {
        var activities = new List<JsonObject>();
        var connections = new List<string>();
        var variables = new List<(string, string, string?)>();
        foreach (var node in Nodes)
        {
            activities.AddRange(ActivitiesOf(node));
            if (node.Kind == Kind.Loop)
            {
                variables.Add(($"{node.Id}_i", "Int32", "0"));
                connections.AddRange([$"{node.Id}->{node.Id}_body", $"{node.Id}_body->{node.Id}_count", $"{node.Id}_count->{node.Id}_again", $"{node.Id}_again:True->{node.Id}"]);
            }
        }

        foreach (var edge in Edges)
        {
            var source = Nodes[edge.From];
            connections.Add(source.Kind == Kind.Loop ? $"{source.Id}_again:False->{Nodes[edge.To].Id}" : $"{source.Id}:{edge.Port}->{Nodes[edge.To].Id}");
        }

        if (shuffleSeed is { } seed)
        {
            var random = new Random(seed);
            activities = [.. activities.OrderBy(_ => random.Next())];
            connections = [.. connections.OrderBy(_ => random.Next())];
        }

        return Definition("random", [.. activities], [.. connections], [.. variables]);
    }

    private IEnumerable<JsonObject> ActivitiesOf(Node node)
    {
        var index = Nodes.ToList().IndexOf(node);
        JsonObject head = node.Kind switch
        {
            Kind.Line or Kind.Loop => WriteLine(node.Id, node.Id),
            Kind.Decision => Decision(node.Id, node.Outcome ? "true" : "false"),
            Kind.Fork => Fork(node.Id, [.. Outcomes(index)]),
            Kind.Join => node.Join is null ? A(node.Id, "Elsa.FlowJoin") : A(node.Id, "Elsa.FlowJoin", ("mode", Lit(node.Join))),
            Kind.Wait => Event(node.Id, $"event-{node.Id}"),
            _ => A(node.Id, "Elsa.End"),
        };
        if (node.Kind != Kind.Join && node.Join is not null)
        {
            head["customProperties"] = new JsonObject { ["mergeMode"] = node.Join };
        }

        yield return head;
        if (node.Kind == Kind.Loop)
        {
            yield return WriteLine($"{node.Id}_body", $"{node.Id}_body");
            yield return SetVariable($"{node.Id}_count", $"{node.Id}_i", Js($"variables.{node.Id}_i + 1", "Int32"));
            yield return Decision($"{node.Id}_again", $"variables.{node.Id}_i < {node.Iterations}");
        }
    }

    public override string ToString() =>
        string.Join("; ", Nodes.Select(n => $"{n.Id}:{n.Kind}{(n.Join is null ? "" : "/" + n.Join)}{(n.Kind == Kind.Decision ? "=" + n.Outcome : "")}{(n.Kind == Kind.Loop ? "×" + n.Iterations : "")}"))
        + " | " + string.Join(", ", Edges.Select(e => $"{Nodes[e.From].Id}:{e.Port}->{Nodes[e.To].Id}"));
}
