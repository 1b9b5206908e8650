using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.ApiKeys.Messages;

/// <summary>One page of the API keys the caller may see (a lead: the own agency's; NDRC: all, or one agency's).</summary>
public sealed record ListApiKeys(Caller Caller, string? Agency, int Page, int PageSize) : IQuery<Page<ApiKeyView>>;

internal sealed class ListApiKeysHandler(ApiKeyService keys) : IQueryHandler<ListApiKeys, Page<ApiKeyView>>
{
    public async ValueTask<Page<ApiKeyView>> Handle(ListApiKeys query, CancellationToken cancellationToken) =>
        await keys.ListAsync(query.Caller, query.Agency, query.Page, query.PageSize, cancellationToken);
}
