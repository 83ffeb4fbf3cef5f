//! The signal tables of status classification: how Japanese and English helpdesk notes say that
//! an answer was given, a case was handed over, the user never replied, it still fails …
//!
//! Every table is a list of regular expressions over folded text (NFKC, lower case, quoted
//! messages blanked), one per way of writing a signal. They are general forms of helpdesk
//! writing, not phrases of one example. Where forms overlap, the longest match at the leftmost
//! position wins (`解決しない` over `解決`); `Neutral` forms only block shorter ones they contain.

use std::sync::LazyLock;

use regex::Regex;

/// What one phrase says about the case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Signal {
    /// It works now: `解決`, `できるようになった`, `works now`.
    Resolved,
    /// The minutes say it stayed unsolved: `未解決`, `not solved`, `gave up`.
    Unresolved,
    /// It still fails after an answer: `同じエラー`, `変わらない`, `still no connection`.
    StillFailing,
    /// Nobody could tell: `よく分からなかった`, `原因不明`, `unclear`. Only a reason when another
    /// signal stands in the same sentence.
    Unclear,
    /// Handed to another team: `起票`, `担当に回した`, `passed … to the … team`.
    HandedOver,
    /// The other team answered: `担当から…との回答がありました`, `the staff replied that`.
    TeamAnswered,
    /// The helpdesk told the user what to do or explained the cause: `…よう案内しました`,
    /// `…とお伝えしました`, `we told them to`. Definite unless the same response is hedged.
    Instruction,
    /// The helpdesk only asked for details: `詳しい状況を教えていただく`, `asked for details`.
    AskedDetails,
    /// No reply, or waiting for one: `お返事がない`, `連絡待ち`, `no reply`. Never changes a
    /// status: confirmation is not required, and waiting for a team keeps it handed over.
    NoReply,
    /// A form that contains a signal word without stating it (`解決策`, `回答テンプレ`,
    /// `できたら`, `その旨`).
    Neutral,
}

/// Words that make a response a guess (`…ようなので`, `maybe`, `our guess`): an instruction in a
/// hedged response is a suggestion, not a definite answer.
pub const HEDGES: &[&str] = &[
    r"ようなので",
    r"ようなため",
    r"ようです",
    r"ようであれば",
    r"ようなら",
    r"みたい",
    r"らしい",
    r"かもしれ",
    r"可能性",
    r"おそらく",
    r"恐らく",
    r"たぶん",
    r"多分",
    r"と思われ",
    r"と思います",
    r"と思う",
    r"かと思",
    r"だろう",
    r"どうでしょう",
    r"てはどう",
    r"てみては",
    r"ではないか",
    r"のではない",
    r"推測",
    r"確証",
    r"とりあえず",
    r"ひとまず",
    r"はず",
    r"\bguess",
    r"\bmaybe\b",
    r"\bperhaps\b",
    r"\bpossibly\b",
    r"\bmight\b",
    r"\bmay be\b",
    r"\bnot sure\b",
    r"\bprobably\b",
    r"\bwe think\b",
    r"\bwe thought\b",
    r"\bseem(s|ed)?\b",
    r"\bcould be\b",
    r"\blikely\b",
    r"\bhopefully\b",
    r"\bsuspect",
    r"\bin case\b",
    // An expected outcome (`a restart should fix it`), not an instruction (`you should restart`).
    r"\bshould (now |then |probably )?(work|fix|help|solve|resolve|do it|clear|be (fine|ok|okay|fixed|resolved|enough|gone))\b",
];

/// Words that make an instruction a try-this suggestion (`…を提案しました`, `再起動してみて
/// いただく`, `試していただく`, "we suggested"): helpdesk notes say so when they send something to
/// try rather than an answer. Such a response is a guess unless it also says why (`BECAUSE`).
pub const SUGGESTIONS: &[&str] = &[
    r"提案",
    r"試して(みて)?(いただ|もら|くださ|ほし)",
    r"お試し",
    r"てみて(いただ|もら|くださ|ほし)",
    r"suggest(ed|ing|s)?",
];

/// Words that give a reason (`…が原因`, `…ため、`, `because`): a response that explains why it
/// suggests something is a definite answer (the cause explained, the user told what to do).
pub const BECAUSE: &[&str] = &[
    r"原因",
    r"ため(、|,|に)",
    r"ので",
    r"because",
    r"since",
    r"due to",
    r"caused by",
    r"turned out",
];

/// Team words: who a case is handed to, and who answers it later.
const TEAM_JA: &str =
    r"(担当|担当者|担当部署|部署|チーム|係|課|窓口|センター|管理者|専門部署|教職員の方|先方)";
const TEAM_EN: &str = r"(team|staff|department|dept|office|section|division|admins?|administrators?|engineers?|desk|group|unit|vendor|specialists?|colleagues?|manager|center|centre|support)";

/// The signal tables, in no particular order (overlaps are resolved by length).
pub fn tables() -> &'static [(Signal, Regex)] {
    static TABLES: LazyLock<Vec<(Signal, Regex)>> = LazyLock::new(|| {
        let mut tables = Vec::new();
        for (signal, forms) in table_forms() {
            let pattern = forms.join("|");
            let regex = Regex::new(&pattern).unwrap_or_else(|e| unreachable!("{signal:?}: {e}"));
            tables.push((signal, regex));
        }
        tables
    });
    &TABLES
}

/// The hedge words as one expression.
pub fn hedges() -> &'static Regex {
    static HEDGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&HEDGES.join("|")).unwrap_or_else(|e| unreachable!("{e}")));
    &HEDGE
}

/// Whether folded lines suggest something to try without saying why (`SUGGESTIONS`, `BECAUSE`).
pub fn suggests_without_cause(lines: &[String]) -> bool {
    static SUGGESTION: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&SUGGESTIONS.join("|")).unwrap_or_else(|e| unreachable!("{e}")));
    static REASON: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&BECAUSE.join("|")).unwrap_or_else(|e| unreachable!("{e}")));
    lines.iter().any(|l| SUGGESTION.is_match(l)) && !lines.iter().any(|l| REASON.is_match(l))
}

#[expect(clippy::too_many_lines, reason = "a declarative table: one row of phrase forms per signal")]
fn table_forms() -> Vec<(Signal, Vec<String>)> {
    let own = |forms: &[&str]| forms.iter().map(|f| f.to_string()).collect::<Vec<_>>();
    vec![
        (
            Signal::Neutral,
            own(&[
                r"解決策",
                r"解決方法",
                r"解決法",
                r"回答(事例|例|テンプレ|文)",
                r"返信(用|先)",
                r"確認(が)?でき(た|ました)",
                r"でき(たら|たとしても|ていた)",
                r"(その|この|起票した|回した)旨",
                r"\bif (it is |it's )?(resolved|solved|fixed)\b",
                r"\bhow to (fix|solve|resolve)\b",
                r"\bforwarded (this|it|the (answer|reply)) to (the )?(user|them|him|her|lab|student)",
            ]),
        ),
        (
            Signal::NoReply,
            own(&[
                r"(お返事|返事|返信|返答|回答|連絡|音沙汰|レスポンス|反応)(は|が|も)?(その後)?(まだ|特に)?(な(い|く|し)|無(い|く|し)|来て(い)?な|来な|来ず|こな|ありませ|届いていな)",
                r"(お返事|返事|返信|返答|回答|連絡|結果|折り返し|折返し)待ち",
                r"(お待ち|待って)(ください|いただ|もら|いる|います)",
                r"まだ聞(いて|けて)いな",
                r"\bno (reply|response|answer|word|news)\b",
                r"\b(never|not yet|has not|have not|hasn't|haven't|did not|didn't) (replied|reply|responded|respond|answered|answer|got back|gotten back|heard back)\b",
                r"\bnot heard back\b",
                r"\bwaiting (for|on)\b",
                r"\bawaiting\b",
            ]),
        ),
        (
            Signal::Unresolved,
            own(&[
                r"未解決",
                r"解決(し(な|ませ|ておらず|ていな)|せず|でき(な|ず|ませ)|に至ら|には至ら|されていな|されず)",
                r"お手上げ",
                r"断念",
                r"諦め",
                r"あきらめ",
                r"\bun(re)?solved\b",
                r"\bnot (yet )?(resolved|solved|fixed)\b",
                r"\b(could not|couldn't|cannot|can't|were unable to|was unable to) (be )?(resolve|solve|fix)",
                r"\bgave up\b",
                r"\bno (solution|fix|workaround)\b",
                r"\b(remains|still) open\b",
            ]),
        ),
        (
            Signal::StillFailing,
            own(&[
                r"同じ(エラー|症状|現象|状態|表示|画面|メッセージ|結果|問題|挙動)",
                r"変わら(な|ず)",
                r"変わりませ",
                r"変化(が|は)?(な|ありませ)",
                r"改善(しな|され(な|ず)|せず|しませ)",
                r"(直|治)ら(な|ず)",
                r"解消(しな|され(な|ず)|せず)",
                r"ないまま",
                r"ずじまい",
                r"依然",
                r"相変わらず",
                r"再発(し|生|。|$)",
                r"まだ(つながら|繋がら|接続でき|ログインでき|サインインでき|使え|でき|表示され|届か|開け|入れ|見られ|見つから|動か)",
                r"ても[^。]{0,16}?(できな|つながらな|繋がらな|表示されな|届かな|使えな|開けな|入れな|出てこな|見つからな|動かな)",
                r"\bstill\b[^.;]{0,25}?\b(no|not|fails?|failing|failed|can't|cannot|couldn't|doesn't|does not|won't|same|unable|error)\b",
                r"\bsame (behaviou?r|error|problem|issue|result|message|symptoms?)\b",
                // `Result: Still read-only.`: a sentence that opens with the state that stayed.
                r"^\s*still (a |an |the )?(read-only|broken|blocked|locked( out)?|missing|empty|slow|stuck|down|offline|gr[ae]yed out|disabled|there|the same|happening|showing|failing)\b",
                r"\b(did not|didn't|does not|doesn't) (help|work|fix|solve|change)\b",
                r"\bno (change|improvement|luck|difference)\b",
                r"\b(persists|persisted|remains the same|remained the same)\b",
                r"\b(fails|failed|failing) again\b",
            ]),
        ),
        (
            Signal::Unclear,
            own(&[
                r"(よく)?(分|わ)から(な|ず)",
                r"(分|わ)かりません",
                r"不明",
                r"謎",
                r"特定でき(な|ず)",
                r"見当がつかな",
                r"\bunclear\b",
                r"\bnot clear\b",
                r"\bnot sure\b",
                r"\bno idea\b",
                r"\b(do not|don't|did not|didn't) know\b",
                r"\b(could not|couldn't) (tell|find (out )?(the )?(cause|reason|why))\b",
                r"\bunknown\b",
            ]),
        ),
        (
            Signal::HandedOver,
            vec![
                r"起票".to_string(),
                r"割り?振".to_string(),
                r"エスカレ".to_string(),
                r"引き?継".to_string(),
                // An object may come between (`チームに調査を依頼`, `担当部署へ対応をお願いした`).
                format!(r"{TEAM_JA}(の方)?(に|へ)([^。、]{{1,8}}を)?(回|まわ|転送|依頼|振|投げ|お願いし)"),
                r"\bescalat".to_string(),
                r"\b(opened|filed|raised|created|submitted) (a|an) (\w+ )?(ticket|request|issue)\b"
                    .to_string(),
                r"\bhanded (it |the case |this )?over\b".to_string(),
                format!(
                    r"\b(passed|forwarded|handed|sent|referred|transferred|assigned|reported|routed)\b[^.;]{{0,50}}?\bto (the )?([\w-]+ ){{0,3}}?{TEAM_EN}\b"
                ),
            ],
        ),
        (
            Signal::TeamAnswered,
            vec![
                format!(
                    r"{TEAM_JA}(の方)?(から|より)、?[^。]{{0,60}}?(回答|返答|返信|連絡|説明)(。|$|が(あり|あっ|来|届)|を(もら|いただ|受))"
                ),
                r"(との|という)(回答|返答|ご回答)(があり|があっ|をいただ|をもら|を受け|が来|が届)"
                    .to_string(),
                format!(
                    r"\b{TEAM_EN}\b[^.;]{{0,20}}?\b(replied|answered|responded|wrote back|got back to us|confirmed|explained|said|told us)\b"
                ),
                r"\b(got|received|heard back|have) (an? )?(answer|reply|response)? ?from\b".to_string(),
                r"\baccording to the\b".to_string(),
            ],
        ),
        (
            Signal::Resolved,
            own(&[
                r"解決済",
                r"解決",
                r"解消(し|され|。|$)",
                r"(でき|使え|つなが|繋が|見られ|開け|入れ|届く)るようにな(った|りました)",
                // Any potential form (`見えるように`, `送れるように`, `読めるように`): it can be
                // done now. Not the passive `される` (`ログアウトされるようになった` is a problem).
                r"(え|け|せ|て|ね|め|げ|べ|られ|[^さ]れ)るようにな(った|りました)",
                r"(直|治)(った|りました)",
                // What the user was doing finished (`同期が終わった`, `インストールが完了しました`).
                r"(終わ|おわ)(った|りました)",
                r"完了(し(た|ました)|。|$)",
                r"(つなが|繋が)(った|りました)",
                r"成功(した|しました)",
                r"でき(た|ました)",
                r"\b(resolved|solved|fixed)\b",
                r"\b(works|working) (now|again)\b",
                r"\bnow works\b",
                r"\bworked\b",
                r"\b(was|were) able to\b",
                r"\bsucceeded\b",
                r"\b(that|it) helped\b",
                r"\bwent away\b",
                r"\bcould (now )?(log|sign|connect|access|open|send|receive)\b",
            ]),
        ),
        (
            Signal::AskedDetails,
            own(&[
                r"教えて(いただ|もら|ください|ほし)",
                r"詳しい(状況|内容|情報)",
                r"詳細(を|について)",
                r"(スクリーンショット|スクショ|ログ|情報|画面)を(送|いただ|お送り|添付)",
                r"\basked (them |the user |him |her |the lab )?(for|to (send|share|provide|tell us))\b",
                r"\basked (which|what|whether|when|where)\b",
                r"\b(requested|need|needed) (more )?(details|information|screenshots?|logs?)\b",
            ]),
        ),
        (
            Signal::Instruction,
            own(&[
                r"(よう|ように)[^。]{0,12}?(お伝え|伝え|案内|ご案内|お願い|依頼|説明|指示|返信|連絡|回答|アドバイス|助言)",
                r"ください(と|、と)?[^。]{0,4}?(お伝え|伝え|案内|ご案内|説明|返信|連絡)",
                // What was told may be a fact, a method or the steps (`…する方法をお伝えしました`).
                r"(こと|方法|手順|やり方)(を|も)[^。]{0,8}?(お伝え|伝え|案内|ご案内|説明|ご説明)",
                r"と(お伝え|ご案内|案内|説明|ご説明|回答|ご回答|返信|アドバイス|助言)",
                r"案内(し|。|$|済)",
                r"説明(し(まし|た))",
                r"提案(し|。|$)",
                r"てください(。|$)",
                r"必要があります",
                r"仕様です",
                r"\b(we|i|the helpdesk|supporters?)\s+(\w+\s+)?(told|advised|asked|instructed|recommended|suggested|explained|showed|guided|directed|pointed|walked|helped)\b",
                r"\b(was|were) (told|advised|asked|instructed|shown|guided|directed) to\b",
                r"\bwent through\b",
                r"\bplease\b",
                r"\byou (need|have|will need) to\b",
                r"\b(the fix|the solution|the workaround) (is|was)\b",
                // The cause explained is a definite answer too, told in whatever words.
                r"原因(は|が)[^。]{1,40}?(でした|だった|です|である|と判明|とわかり|と分かり|と特定)",
                r"が原因(でした|だった|です|であ|で(、|,)|と判明|とわかり|と分かり|と特定)",
                r"原因を特定(し|。|$)",
                r"(と|が)判明(し|。|$)",
                r"\bthe (cause|reason|problem|issue|culprit) (was|is|turned out to be)\b",
                r"\b(was|is|were) (caused by|due to)\b",
                r"\bturned out (that|to be)\b",
                r"\bit was because\b",
            ]),
        ),
    ]
}

/// Text right after a match that makes it a condition (`…できない場合は`), not a statement.
pub const CONDITION_AFTER: &[&str] = &["場合", "ときは", "時は", "なら", "ば"];

/// Words right before an English match that negate it (`was not resolved`, `never worked`).
pub const NEGATION_BEFORE: &[&str] = &["not ", "n't ", "never ", "no longer ", "not yet "];

/// Words right before an English outcome that make it an expectation (`should be fixed now`).
pub const EXPECTATION_BEFORE: &[&str] =
    &["should be ", "should have been ", "should ", "might be ", "may be ", "probably ", "hopefully "];

/// Words right after a stated cause that say it was not found (`the cause is unknown`,
/// `the reason was not clear`).
pub const NO_CAUSE_AFTER: &[&str] = &[" not", " unknown", " unclear", " never", " still"];

/// Words shortly before an English match that make it a question (`whether it helped`).
pub const QUESTION_BEFORE: &[&str] = &["whether ", "if "];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_compiles() {
        assert_eq!(tables().len(), 10);
        assert!(hedges().is_match("our guess was"));
    }
}
