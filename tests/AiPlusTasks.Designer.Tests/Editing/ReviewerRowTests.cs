using AiPlusTasks.Designer.Editing;

namespace AiPlusTasks.Designer.Tests.Editing;

public sealed class ReviewerRowTests
{
    [Fact]
    public void Read_TheArrayTheActivityReads_GivesOneRowPerReviewer()
    {
        var rows = ReviewerRow.Read("""[{"agency":"miit","role":"lead"},{"agency":"most"},{"agency":"nda","role":"staff","user":"nda.staff"}]""");

        Assert.Equal([new ReviewerRow("miit", "lead"), new ReviewerRow("most"), new ReviewerRow("nda", "staff", "nda.staff")], rows);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Read_Blank_IsNoRows(string? text) => Assert.Empty(ReviewerRow.Read(text)!);

    [Theory]
    [InlineData("[{ agency: getInput('leadAgency'), role: 'lead' }]")]
    [InlineData("""{"agency":"miit"}""")]
    [InlineData("""[{"agency":"miit","weight":2}]""")]
    [InlineData("""[{"agency":3}]""")]
    [InlineData("""["miit"]""")]
    public void Read_NotAnArrayOfReviewers_IsNull(string text) => Assert.Null(ReviewerRow.Read(text));

    [Fact]
    public void Write_LeavesOutEmptyRoleAndUser_AndReadsBackTheSameRows()
    {
        ReviewerRow[] rows = [new("miit", "lead"), new("most", "", " "), new("nda", null, "nda.staff")];

        var json = ReviewerRow.Write(rows);

        Assert.Equal("""[{"agency":"miit","role":"lead"},{"agency":"most"},{"agency":"nda","user":"nda.staff"}]""", json);
        Assert.Equal([new ReviewerRow("miit", "lead"), new ReviewerRow("most"), new ReviewerRow("nda", null, "nda.staff")], ReviewerRow.Read(json));
    }
}
