namespace AiPlusTasks.Host.Contract;

/// <summary>
/// Endpoint metadata: agency systems' API keys (<c>X-Api-Key</c>) get past this route's service rule, so the document
/// lists the API key scheme beside the bearer token. It grants nothing: the service still decides (docs/decisions/014);
/// it only states the authorization matrix's agency-system column, and <c>OpenApiContractTests</c> checks every
/// operation against that column (docs/decisions/034).
/// </summary>
public sealed record AgencySystems
{
    /// <summary>The one instance endpoints carry.</summary>
    public static readonly AgencySystems Welcome = new();

    private AgencySystems()
    {
    }
}
