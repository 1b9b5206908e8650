using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>The supervision heatmap: open work per pillar and agency, with its colours (NDRC staff and auditors).</summary>
public sealed record GetHeatmap(Caller Caller) : IQuery<IReadOnlyList<HeatmapCell>>;

internal sealed class GetHeatmapHandler(TaskService tasks) : IQueryHandler<GetHeatmap, IReadOnlyList<HeatmapCell>>
{
    public async ValueTask<IReadOnlyList<HeatmapCell>> Handle(GetHeatmap message, CancellationToken cancellationToken) =>
        await tasks.HeatmapAsync(message.Caller, cancellationToken);
}
