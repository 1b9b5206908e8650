using AiPlusTasks.Engine.Runtime;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// The agencies of the AI+ cascade, immutable, looked up by code. Codes are compared ordinally (they are lower-case
/// ASCII; <c>Guangdong</c> is not found). Lists keep the order the agencies were given in (file order).
/// Build one with <see cref="DirectoryFiles.LoadAgencies"/>, which also validates the file.
/// </summary>
public sealed class AgencyDirectory
{
    /// <summary>The code of the coordinating agency, NDRC (国家发展和改革委员会).</summary>
    public const string CoordinatorCode = "ndrc";

    /// <summary>How many province-level units report: 31 provinces, autonomous regions and municipalities plus the Corps.</summary>
    public const int ProvinceLevelUnitCount = 32;

    private readonly Dictionary<string, Agency> _byCode = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a directory from agencies in the given order. Only code uniqueness is checked here; the rules for the
    /// directory file (parents resolve, 32 province-level units, NDRC present…) are checked by
    /// <see cref="DirectoryFiles.LoadAgencies"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Two agencies share a code.</exception>
    public AgencyDirectory(IEnumerable<Agency> agencies)
    {
        All = [.. agencies];
        foreach (var agency in All)
        {
            if (!_byCode.TryAdd(agency.Code, agency))
            {
                throw new ArgumentException($"Duplicate agency code '{agency.Code}'.", nameof(agencies));
            }
        }

        Provinces = [.. All.Where(a => a.IsProvinceLevel)];
        Ministries = [.. All.Where(a => !a.IsProvinceLevel && a.Code != CoordinatorCode)];
    }

    /// <summary>Every agency, in the given order.</summary>
    public IReadOnlyList<Agency> All { get; }

    /// <summary>The province-level units (<see cref="Agency.IsProvinceLevel"/>), in the given order.</summary>
    public IReadOnlyList<Agency> Provinces { get; }

    /// <summary>
    /// Every agency that is neither NDRC nor a province-level unit — the central bodies NDRC assigns tasks to
    /// (constituent departments, bodies directly under the State Council, national administrations, institutions…),
    /// in the given order.
    /// </summary>
    public IReadOnlyList<Agency> Ministries { get; }

    /// <summary>The agency with this code, or null.</summary>
    public Agency? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The agency with this code.</summary>
    /// <exception cref="NotFoundException">No agency has this code.</exception>
    public Agency Get(string code) => Find(code) ?? throw new NotFoundException($"Agency '{code}' does not exist.");

    /// <summary>True when the code names a province-level unit; false for other agencies and for unknown codes.</summary>
    public bool IsProvince(string code) => Find(code)?.IsProvinceLevel ?? false;
}
