using NeglectAudit.Common;
using NeglectAudit.ImmediateRisk;
using NeglectAudit.Returns;

namespace NeglectAudit.Tests.ImmediateRisk;

public sealed class ImmediateRiskStarterTests
{
    private static readonly ReturnKey Key = new("audit-1", "NA-01", "csc");

    [Fact]
    public void The_alert_instance_is_named_by_return_and_answer_version_only()
    {
        Assert.Equal("risk_audit-1_NA-01_csc_v3", ImmediateRiskStarter.InstanceId(Key, 3));
        Assert.NotEqual(ImmediateRiskStarter.InstanceId(Key, 1), ImmediateRiskStarter.InstanceId(Key with { AgencyId = "police" }, 1));
    }

    [Theory]
    [InlineData(null, "yes", true)]
    [InlineData("no", "yes", true)]
    [InlineData("yes", "yes", false)]
    [InlineData(null, "no", false)]
    [InlineData("yes", "no", false)]
    public void A_yes_raises_the_alert_only_when_the_version_it_replaces_did_not_say_yes(string? before, string now, bool raised)
    {
        ReturnAnswers? previous = before is null ? null : Answers(before);

        Assert.Equal(raised, ImmediateRiskStarter.NewlyRaised(Answers(now), previous));
    }

    [Fact]
    public void A_nil_return_never_raises_the_alert()
    {
        Assert.False(ImmediateRiskStarter.NewlyRaised(ReturnAnswers.Nil, null));
    }

    private static ReturnAnswers Answers(string rightNow) =>
        new(false, new Dictionary<string, IReadOnlyList<string>> { ["q9.rightNow"] = [rightNow] });
}
