using System.Text;
using NeglectAudit.Returns;
using NeglectAudit.Web;

namespace NeglectAudit.Findings;

/// <summary>The analysed sections of the findings page, one method per view.</summary>
internal static class FindingsPageSections
{
    public static void Themes(StringBuilder body, FindingsAnalysis analysis)
    {
        body.Append("<section class=\"pack-section pack-section--first\" id=\"themes\"><h2>What the audit tells us</h2><ul class=\"theme-list\">");
        foreach (AuditTheme theme in analysis.Themes)
        {
            body.Append("<li>").Append(Html.Encode(theme.Statement)).Append("</li>");
        }

        body.Append("</ul></section>");
    }

    public static void RightNow(StringBuilder body, FindingsAnalysis analysis, View view)
    {
        body.Append("<section id=\"right-now\"><h2>Right now</h2>");
        if (analysis.RightNow.Count == 0)
        {
            body.Append("<p>No agency said that anything needs to happen right now.</p></section>");
            return;
        }

        body.Append("<div class=\"warning\"><p><strong>").Append(analysis.RightNow.Count).Append(analysis.RightNow.Count == 1 ? " answer says" : " answers say")
            .Append(" something needs to happen right now. These are safeguarding alerts, not audit findings.</strong></p></div>");
        body.Append("<table><caption class=\"visually-hidden\">Right-now answers</caption><thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Agency</th><th scope=\"col\">What needs to happen</th><th scope=\"col\">Alert acknowledged</th></tr></thead><tbody>");
        foreach (RightNowFinding r in analysis.RightNow)
        {
            body.Append("<tr><td>").Append(Html.Encode(r.CaseRef)).Append("</td><td>").Append(Html.Encode(view.Name(r.AgencyId))).Append("</td><td class=\"pre-wrap\">").Append(Html.Encode(r.What)).Append("</td><td>")
                .Append(Acknowledgement(r)).Append("</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    public static void Gaps(StringBuilder body, FindingsAnalysis analysis, View view)
    {
        body.Append("<section id=\"gaps\"><h2>Missing and late returns</h2>");
        if (analysis.Gaps.Count == 0)
        {
            body.Append("<p>Every return was in by the deadline.</p></section>");
            return;
        }

        body.Append("<table><caption class=\"visually-hidden\">Missing and late returns</caption><thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Agency</th><th scope=\"col\">Return</th></tr></thead><tbody>");
        foreach (ReturnGap g in analysis.Gaps)
        {
            body.Append("<tr><td>").Append(Html.Encode(g.CaseRef)).Append("</td><td>").Append(Html.Encode(view.Name(g.AgencyId))).Append("</td><td>").Append(Gap(g)).Append("</td></tr>");
        }

        body.Append("</tbody></table></section>");
    }

    public static void Agreement(StringBuilder body, FindingsAnalysis analysis, View view)
    {
        body.Append("<section class=\"pack-section\" id=\"agreement\"><h2>Where agencies agree and differ</h2>");
        body.Append("<p>Questions 1 to 3 ask whether the agencies shared the same knowledge of the risks, understanding of the impact and view of the strengths. A case is counted as differing when any point differs.</p>");
        body.Append("<figure>").Append(FindingsCharts.AgreementPerQuestion(analysis.AgreementByQuestion)).Append("</figure>");
        body.Append("<table><caption>Cases per question</caption><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">Agreed</th><th scope=\"col\">Differed</th><th scope=\"col\">Not comparable</th></tr></thead><tbody>");
        foreach (QuestionAgreement q in analysis.AgreementByQuestion)
        {
            body.Append("<tr><th scope=\"row\">").Append(q.Question).Append(". ").Append(Html.Encode(q.Heading)).Append("</th><td>").Append(q.Agree).Append("</td><td>").Append(q.Differ).Append("</td><td>").Append(q.NotComparable).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        foreach (CaseAnalysis c in analysis.Cases)
        {
            body.Append("<h3>Case ").Append(Html.Encode(c.CaseRef)).Append("</h3><ul>");
            foreach (SamenessFinding s in c.Sameness)
            {
                body.Append("<li>Question ").Append(s.Question).Append(": ").Append(AgreementTag(s.Agreement));
                List<SamenessPoint> differing = s.Disagreements.ToList();
                if (differing.Count > 0)
                {
                    body.Append("<ul>");
                    foreach (SamenessPoint p in differing)
                    {
                        body.Append("<li><strong>").Append(Html.Encode(p.Topic)).Append("</strong>: ")
                            .Append(string.Join("; ", p.Sides.Select(side => Html.Encode($"{side.Answer}: {string.Join(", ", side.AgencyIds.Select(view.Name))}"))))
                            .Append("</li>");
                    }

                    body.Append("</ul>");
                }

                body.Append("</li>");
            }

            body.Append("</ul>");
        }

        body.Append("</section>");
    }

    public static void Impact(StringBuilder body, FindingsAnalysis analysis, View view)
    {
        body.Append("<section class=\"pack-section\" id=\"impact\"><h2>Impact or process</h2>");
        body.Append("<p>Impact: the agency wrote what changed for the child. Process only: it wrote what was done (meetings, assessments, referrals) but not what changed.</p>");
        Table(body, "Impact or process per case and agency", ["Case", "Agency", "Evidenced", "Impact on the child recorded (Q2)"], analysis, (c, a) =>
            [c.CaseRef, view.Name(a.AgencyId), Evidence(a.Evidence), view.Label("q2.impactRecorded", a.ImpactRecorded)]);
        body.Append("</section>");
    }

    public static void Outcomes(StringBuilder body, FindingsAnalysis analysis, View view)
    {
        body.Append("<section class=\"pack-section\" id=\"outcomes\"><h2>Culture, better and worse</h2>");
        Table(body, "Cultural needs, and whether things got better or worse, with the evidence", ["Case", "Agency", "Cultural needs met (Q4)", "Better (Q5)", "What changed", "Worse (Q6)", "Evidence"], analysis, (c, a) =>
            [c.CaseRef, view.Name(a.AgencyId), view.Label("q4.culturalNeedsMet", a.CulturalNeedsMet), view.Label("q5.better", a.Better), a.WhatChanged ?? "None written", view.Label("q6.worse", a.Worse), a.WorseEvidence ?? "None written"]);
        body.Append("</section>");
    }

    public static void Grades(StringBuilder body, FindingsAnalysis analysis, View view)
    {
        body.Append("<section class=\"pack-section\" id=\"grades\"><h2>Self-graded effectiveness</h2>");
        body.Append("<figure>").Append(FindingsCharts.GradeSpread(analysis.GradeSpread)).Append("</figure>");
        body.Append("<table><caption>Grades per agency (number of cases)</caption><thead><tr><th scope=\"col\">Agency</th>");
        foreach (GradeCount g in analysis.GradeSpread)
        {
            body.Append("<th scope=\"col\">").Append(Html.Encode(g.Label)).Append("</th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (AgencyGrades a in analysis.GradesByAgency)
        {
            body.Append("<tr><th scope=\"row\">").Append(Html.Encode(view.Name(a.AgencyId))).Append("</th>");
            foreach (GradeCount g in a.Grades)
            {
                body.Append("<td>").Append(g.Count).Append("</td>");
            }

            body.Append("</tr>");
        }

        body.Append("</tbody></table>");
        body.Append("<table><caption>Spread across agencies per case</caption><thead><tr><th scope=\"col\">Case</th><th scope=\"col\">Best</th><th scope=\"col\">Worst</th><th scope=\"col\">Grades apart</th></tr></thead><tbody>");
        foreach (CaseAnalysis c in analysis.Cases)
        {
            body.Append("<tr><td>").Append(Html.Encode(c.CaseRef)).Append("</td><td>").Append(Html.Encode(view.Label("q7.grade", c.Grades.Best))).Append("</td><td>")
                .Append(Html.Encode(view.Label("q7.grade", c.Grades.Worst))).Append("</td><td>").Append(c.Grades.Steps).Append("</td></tr>");
        }

        body.Append("</tbody></table>");
        Table(body, "Each agency's grade and reason", ["Case", "Agency", "Grade", "Why"], analysis, (c, a) =>
            [c.CaseRef, view.Name(a.AgencyId), view.Label("q7.grade", a.Grade), a.GradeReason ?? "None written"]);
        body.Append("</section>");
    }

    public static void Learning(StringBuilder body, FindingsAnalysis analysis, View view)
    {
        body.Append("<section class=\"pack-section\" id=\"learning\"><h2>What could have been done better</h2>");
        Table(body, "Learning points from the returns", ["Case", "Agency", "What could have been done better, and by whom"], analysis, (c, a) =>
            a.Learning is null ? null : [c.CaseRef, view.Name(a.AgencyId), a.Learning]);
        body.Append("</section>");
    }

    public static string Evidence(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Impact => "Impact: what changed for the child",
        EvidenceKind.ProcessOnly => "Process only: what was done",
        _ => "Neither",
    };

    public static string GapText(ReturnGap g) => g.Kind switch
    {
        GapKind.NotReturned => "Not returned",
        GapKind.Late => $"Late: submitted {Dates.Display(g.SubmittedAt!.Value)}",
        _ => "Not in yet",
    };

    public static string AcknowledgementText(RightNowFinding r) => r.Acknowledgement switch
    {
        AlertAcknowledgement.Acknowledged => r.AcknowledgedAt is { } at ? $"Acknowledged {Dates.Display(at)}" : "Acknowledged",
        AlertAcknowledgement.NotAcknowledged => "Not acknowledged",
        _ => "Not known to the findings",
    };

    private static string Gap(ReturnGap g) =>
        $"<span class=\"tag {(g.Kind == GapKind.Late ? "tag--amber" : "tag--red")}\">{Html.Encode(GapText(g))}</span>";

    private static string Acknowledgement(RightNowFinding r) => r.Acknowledgement switch
    {
        AlertAcknowledgement.Acknowledged => $"<span class=\"tag tag--green\">{Html.Encode(AcknowledgementText(r))}</span>",
        AlertAcknowledgement.NotAcknowledged => $"<span class=\"tag tag--red\">{Html.Encode(AcknowledgementText(r))}</span>",
        _ => $"<span class=\"tag tag--grey\">{Html.Encode(AcknowledgementText(r))}</span>",
    };

    private static string AgreementTag(Agreement agreement) => agreement switch
    {
        Findings.Agreement.Agree => "<span class=\"agree\">agencies agree</span>",
        Findings.Agreement.Differ => "<span class=\"differ\">agencies differ</span>",
        _ => "<span class=\"not-comparable\">fewer than two agencies answered</span>",
    };

    private static void Table(StringBuilder body, string caption, string[] headings, FindingsAnalysis analysis, Func<CaseAnalysis, AgencyFinding, string[]?> row)
    {
        body.Append("<table><caption>").Append(Html.Encode(caption)).Append("</caption><thead><tr>");
        foreach (string h in headings)
        {
            body.Append("<th scope=\"col\">").Append(Html.Encode(h)).Append("</th>");
        }

        body.Append("</tr></thead><tbody>");
        foreach (CaseAnalysis c in analysis.Cases)
        {
            foreach (AgencyFinding a in c.Agencies)
            {
                if (row(c, a) is not { } cells)
                {
                    continue;
                }

                body.Append("<tr>");
                foreach (string cell in cells)
                {
                    body.Append("<td class=\"pre-wrap\">").Append(Html.Encode(cell)).Append("</td>");
                }

                body.Append("</tr>");
            }
        }

        body.Append("</tbody></table>");
    }
}
