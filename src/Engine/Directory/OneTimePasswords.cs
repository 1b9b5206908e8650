using System.Security.Cryptography;

namespace AiPlusTasks.Engine.Directory;

/// <summary>Passwords an administrator hands over once (a new user, a reset); the user must change them at first sign-in.</summary>
public static class OneTimePasswords
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>
    /// 16 random characters from upper and lower case letters and digits, each kind present, so it meets the password
    /// policy; letters and digits that look alike (0/O, 1/l/I) are left out so it can be read out over the phone.
    /// </summary>
    public static string Create()
    {
        const string All = Upper + Lower + Digits;
        var chars = new char[16];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = All[RandomNumberGenerator.GetInt32(All.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
