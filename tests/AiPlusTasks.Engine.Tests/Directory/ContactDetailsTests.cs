using AiPlusTasks.Engine.Directory;

namespace AiPlusTasks.Engine.Tests.Directory;

public sealed class ContactDetailsTests
{
    [Theory]
    [InlineData("13800000001", "13800000001")]
    [InlineData(" 138 0000 0001 ", "13800000001")]
    [InlineData("138-0000-0001", "13800000001")]
    [InlineData("+86 199 1234 5678", "19912345678")]
    [InlineData("12800000001", null)]
    [InlineData("1380000000", null)]
    [InlineData("138000000012", null)]
    [InlineData("138０0000001", null)]
    [InlineData("010-68501234", null)]
    [InlineData("", null)]
    public void NormalizeMobile_MainlandMobileOnly(string input, string? expected) =>
        Assert.Equal(expected, ContactDetails.NormalizeMobile(input));

    [Theory]
    [InlineData(" zhang.wei@ndrc.gov.cn ", "zhang.wei@ndrc.gov.cn")]
    [InlineData("a@b", null)]
    [InlineData("a@b.", null)]
    [InlineData("张伟 <zhang@ndrc.gov.cn>", null)]
    [InlineData("zhang wei@ndrc.gov.cn", null)]
    [InlineData("zhang@ndrc.gov.cn, li@ndrc.gov.cn", null)]
    [InlineData("@ndrc.gov.cn", null)]
    public void NormalizeEmail_OneAddressWithADottedDomain(string input, string? expected) =>
        Assert.Equal(expected, ContactDetails.NormalizeEmail(input));

    [Theory]
    [InlineData("guangdong.staff@example.gov.cn", "gu***@example.gov.cn")]
    [InlineData("ab@example.gov.cn", "a***@example.gov.cn")]
    [InlineData("a@example.gov.cn", "a***@example.gov.cn")]
    [InlineData(null, null)]
    public void MaskEmail_KeepsTwoCharactersAtMostAndTheDomain(string? email, string? masked) =>
        Assert.Equal(masked, ContactDetails.MaskEmail(email));

    [Theory]
    [InlineData("13800000001", "138****0001")]
    [InlineData(null, null)]
    public void MaskMobile_KeepsTheFirstThreeAndLastFourDigits(string? mobile, string? masked) =>
        Assert.Equal(masked, ContactDetails.MaskMobile(mobile));
}
