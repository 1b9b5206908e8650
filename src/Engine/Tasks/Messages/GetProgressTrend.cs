using Mediator;

namespace AiPlusTasks.Engine.Tasks.Messages;

/// <summary>Average task progress week by week, per pillar or per plan (NDRC staff and auditors).</summary>
public sealed record GetProgressTrend(Caller Caller, ProgressTrendQuery Query) : IQuery<ProgressTrend>;

internal sealed class GetProgressTrendHandler(ProgressTrendService trends) : IQueryHandler<GetProgressTrend, ProgressTrend>
{
    public async ValueTask<ProgressTrend> Handle(GetProgressTrend message, CancellationToken cancellationToken) =>
        await trends.GetAsync(message.Caller, message.Query, cancellationToken);
}
