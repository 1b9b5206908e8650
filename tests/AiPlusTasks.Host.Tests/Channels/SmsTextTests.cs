using AiPlusTasks.Engine.Notifications;
using CsCheck;

namespace AiPlusTasks.Host.Tests.Channels;

/// <summary>The SMS length rules: GSM-7 against UCS-2, the signature counted, long messages in parts, shortening.</summary>
public sealed class SmsTextTests
{
    private static readonly SmsText Chinese = new("【AI+督办】", maxSegments: 5);
    private static readonly SmsText Latin = new("(AI+)", maxSegments: 5);

    [Theory]
    [InlineData(70 - 7, 1)]
    [InlineData(70 - 7 + 1, 2)]
    [InlineData(134 - 7, 2)]
    [InlineData(134 - 7 + 1, 3)]
    public void Measure_ChineseText_Ucs2WithTheSignatureCounted(int characters, int segments)
    {
        // "【AI+督办】" is 7 characters.
        var measure = Chinese.Measure(new string('办', characters));

        Assert.Equal(new SmsMeasure(SmsEncoding.Ucs2, characters + 7, segments), measure);
    }

    [Theory]
    [InlineData(160 - 5, 1)]
    [InlineData(160 - 5 + 1, 2)]
    [InlineData(306 - 5, 2)]
    [InlineData(306 - 5 + 1, 3)]
    public void Measure_LatinText_Gsm7(int characters, int segments)
    {
        var measure = Latin.Measure(new string('a', characters));

        Assert.Equal(new SmsMeasure(SmsEncoding.Gsm7, characters + 5, segments), measure);
    }

    [Fact]
    public void Measure_Gsm7ExtensionCharacters_CountTwo()
    {
        Assert.Equal(new SmsMeasure(SmsEncoding.Gsm7, 5 + 8, 1), Latin.Measure("{[€]"));
    }

    [Fact]
    public void Measure_OneChineseCharacterInALatinText_Ucs2()
    {
        Assert.Equal(SmsEncoding.Ucs2, Latin.Measure("Task overdue: 催办").Encoding);
    }

    [Fact]
    public void Fit_TextThatFits_Unchanged()
    {
        const string text = "您的任务已退回，请于3个工作日内重新提交。";

        Assert.Equal(text, Chinese.Fit(text));
    }

    [Fact]
    public void Fit_LongChineseText_CutWithEllipsisToTheLastCharacterThatFits()
    {
        var fitted = Chinese.Fit(new string('办', 400));

        Assert.Equal(new string('办', (5 * 67) - 7 - 1) + "…", fitted);
        Assert.Equal(new SmsMeasure(SmsEncoding.Ucs2, 5 * 67, 5), Chinese.Measure(fitted));
    }

    [Fact]
    public void Fit_LongLatinText_StaysGsm7WithThreeFullStops()
    {
        var fitted = Latin.Fit(new string('a', 1000));

        Assert.Equal(new string('a', (5 * 153) - 5 - 3) + "...", fitted);
        Assert.Equal(SmsEncoding.Gsm7, Latin.Measure(fitted).Encoding);
    }

    [Fact]
    public void Fit_NeverSplitsAnEmoji()
    {
        var single = new SmsText("【AI+督办】", maxSegments: 1);

        // 70 - 7 - 1 = 62 units of room; an emoji takes 2: 31 fit. With "x" first, 30 fit and one unit is left over.
        var fitted = single.Fit("x" + string.Concat(Enumerable.Repeat("😀", 100)));

        Assert.Equal("x" + string.Concat(Enumerable.Repeat("😀", 30)) + "…", fitted);
    }

    [Fact]
    public void Fit_AnyTextAndLimit_FitsAndKeepsAPrefix()
    {
        var characters = Gen.OneOf(
            Gen.Char['a', 'z'], Gen.Char['\u4e00', '\u9fa5'], Gen.OneOf<char>(' ', '\n', '{', '€', '。', '…', '\ud83d'), Gen.Char);
        var texts = characters.Array[0, 1200].Select(c => new string(c));
        var limits = Gen.Int[1, 10];
        var signatures = Gen.OneOf<string>("【AI+督办】", "(AI+)", "[NDRC]");

        Gen.Select(texts, limits, signatures).Sample((text, limit, signature) =>
        {
            var rules = new SmsText(signature, limit);
            var fitted = rules.Fit(text);
            if (!rules.Fits(fitted))
            {
                return false;
            }

            if (rules.Fits(text))
            {
                return fitted == text;
            }

            var ellipsis = fitted.EndsWith(SmsText.Gsm7Ellipsis, StringComparison.Ordinal) ? SmsText.Gsm7Ellipsis : SmsText.Ellipsis;
            return fitted.EndsWith(ellipsis, StringComparison.Ordinal) && text.StartsWith(fitted[..^ellipsis.Length], StringComparison.Ordinal);
        }, iter: 2000);
    }
}
