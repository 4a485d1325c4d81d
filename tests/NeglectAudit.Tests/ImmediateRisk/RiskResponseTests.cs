using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.ImmediateRisk;

namespace NeglectAudit.Tests.ImmediateRisk;

/// <summary>The acknowledgement form's rules: who took responsibility and what was done, each said plainly when missing.</summary>
public sealed class RiskResponseTests
{
    [Theory]
    [InlineData(RiskResponse.ReferralMade, null, "Referral made; responsibility taken by Sam Lee")]
    [InlineData(RiskResponse.AlreadyInHand, "  Allocated social worker visiting.  ", "Already in hand: Allocated social worker visiting.; responsibility taken by Sam Lee")]
    [InlineData(RiskResponse.Other, "Police welfare check requested.", "Other: Police welfare check requested.; responsibility taken by Sam Lee")]
    public void A_complete_response_is_read_and_summarised_for_the_pack_and_trail(string action, string? detail, string summary)
    {
        (RiskResponse? response, IReadOnlyList<FieldError> errors) = RiskResponse.Read("  Sam Lee ", action, detail);

        Assert.Empty(errors);
        Assert.Equal(summary, response!.Summary);
    }

    [Fact]
    public void Nothing_filled_in_asks_for_a_name_and_an_action()
    {
        (RiskResponse? response, IReadOnlyList<FieldError> errors) = RiskResponse.Read("  ", null, null);

        Assert.Null(response);
        Assert.Equal(["responsible", "action"], errors.Select(e => e.Field));
        Assert.Equal("Enter the name of the person taking responsibility", errors[0].Message);
        Assert.Equal("Select what has been done", errors[1].Message);
    }

    [Fact]
    public void Other_needs_words_and_an_unknown_action_is_refused()
    {
        Assert.Equal("detail", Assert.Single(RiskResponse.Read("Sam", RiskResponse.Other, " ").Errors).Field);
        Assert.Equal("Select one of the options for what has been done", Assert.Single(RiskResponse.Read("Sam", "nothing", null).Errors).Message);
    }

    [Fact]
    public void Over_long_answers_are_refused_with_their_limits()
    {
        (_, IReadOnlyList<FieldError> errors) = RiskResponse.Read(new string('a', RiskResponse.MaxResponsibleLength + 1), RiskResponse.ReferralMade, new string('b', RiskResponse.MaxDetailLength + 1));

        Assert.Equal(["responsible", "detail"], errors.Select(e => e.Field));
    }

    [Fact]
    public void The_pack_names_who_took_responsibility_and_what_was_done()
    {
        var finding = new RightNowFinding("NA-01", "csc", "Visit", AlertAcknowledgement.Acknowledged, DateTimeOffset.UnixEpoch, "Referral made; responsibility taken by Sam Lee", 1);

        Assert.EndsWith(". Referral made; responsibility taken by Sam Lee", FindingsText.AcknowledgementText(finding), StringComparison.Ordinal);
        Assert.DoesNotContain("responsibility", FindingsText.AcknowledgementText(finding with { Response = null }), StringComparison.Ordinal);
    }
}
