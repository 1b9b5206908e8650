using AiPlusTasks.Engine.Tasks;
using Mediator;

namespace AiPlusTasks.Engine.ApiKeys.Messages;

/// <summary>Revokes an API key; it authenticates nothing afterwards.</summary>
public sealed record RevokeApiKey(Caller Caller, string Id) : ICommand<ApiKeyView>;

internal sealed class RevokeApiKeyHandler(ApiKeyService keys) : ICommandHandler<RevokeApiKey, ApiKeyView>
{
    public async ValueTask<ApiKeyView> Handle(RevokeApiKey command, CancellationToken cancellationToken) =>
        await keys.RevokeAsync(command.Caller, command.Id, cancellationToken);
}
