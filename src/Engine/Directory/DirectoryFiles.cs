namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// Loads the agency directory and the AI+ catalog from their JSON files (by default <c>workflows/catalog/agencies.json</c>
/// and <c>workflows/catalog/catalog.json</c>) and validates them. Every problem in a file is reported at once, each
/// with its JSON path and line. JSON comments and trailing commas are accepted; unknown properties are not (they are
/// usually typos).
/// </summary>
public static class DirectoryFiles
{
    /// <summary>The folder under the workflows folder that holds the files.</summary>
    public const string FolderName = "catalog";

    /// <summary>The file name of the agency directory.</summary>
    public const string AgenciesFileName = "agencies.json";

    /// <summary>The file name of the AI+ catalog.</summary>
    public const string CatalogFileName = "catalog.json";

    /// <summary>
    /// Loads the agency directory. Checks: codes present, well-formed (<c>^[a-z][a-z0-9]*(\.[a-z0-9]+)*$</c>) and
    /// unique; <c>nameZh</c> and <c>nameEn</c> present and not blank; <c>kind</c> one of the <see cref="AgencyKind"/>
    /// values in camelCase; every parent names an agency in the file, not itself, without loops; province-level units
    /// have no parent; exactly <see cref="AgencyDirectory.ProvinceLevelUnitCount"/> province-level units; NDRC present.
    /// </summary>
    /// <param name="path">The file; relative paths are resolved against the current directory.</param>
    /// <exception cref="DirectoryDataException">The file is malformed JSON or breaks a rule; lists every problem.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static AgencyDirectory LoadAgencies(string path) => AgencyFileReader.Read(DataFile.Open(path));

    /// <summary>
    /// Loads the AI+ catalog. Checks: codes present, well-formed and unique across pillars, items and goals; names
    /// present and not blank; exactly the 14 pillars of <see cref="Catalog.ActionCodes"/> and
    /// <see cref="Catalog.SupportCodes"/>, each with its kind; <c>order</c> 1–99 and unique within a kind; item codes
    /// are their pillar's code plus one segment; goals have a unit and at least one target with a year (2000–2100), an
    /// operator from <see cref="GoalTarget.Operators"/> and a numeric value.
    /// </summary>
    /// <param name="path">The file; relative paths are resolved against the current directory.</param>
    /// <exception cref="DirectoryDataException">The file is malformed JSON or breaks a rule; lists every problem.</exception>
    /// <exception cref="IOException">The file cannot be read (e.g. <see cref="FileNotFoundException"/>).</exception>
    public static Catalog LoadCatalog(string path) => CatalogFileReader.Read(DataFile.Open(path));
}
