using System.Security.Cryptography;

namespace AiPlusTasks.Engine.Directory;

/// <summary>
/// One-time passwords for new and reset users: four groups of four characters joined by <c>-</c>
/// (<c>Kq7m-Xp3z-…</c>), drawn with a cryptographic generator from letters and digits that cannot be mistaken for one
/// another when read aloud or copied by hand (no 0/O, 1/l/I). About 93 bits of entropy; every password holds an
/// upper-case letter, a lower-case letter, a digit and a symbol, so it meets any password policy of up to 19 characters.
/// </summary>
internal static class OneTimePasswords
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private const int Groups = 4;

    private const int GroupLength = 4;

    public static string Create()
    {
        while (true)
        {
            var groups = Enumerable.Range(0, Groups).Select(_ => RandomNumberGenerator.GetString(Alphabet, GroupLength));
            var password = string.Join('-', groups);
            if (password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit))
            {
                return password;
            }
        }
    }
}
