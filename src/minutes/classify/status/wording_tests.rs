//! Small cases in wordings other than the development set's, so the signals stay general.

use super::*;
use crate::config::Service;
use crate::minutes::segment::{Comment, Item};

/// A case from `(kind, text)` lines: `=>` a response, `-` a comment, `Label` a follow-up.
fn case(lines: &[(&str, &str)]) -> Case {
    let mut case = Case {
        service: Service { name: "S".into(), slug: "s".into(), aliases: vec![] },
        inquiry: vec!["問い合わせ".into()],
        answers: vec![],
        follow_ups: vec![],
        comments: vec![],
        first_line: 1,
        last_line: 1,
    };
    for (at, (kind, text)) in lines.iter().enumerate() {
        let line = at + 2;
        let item = |label: Option<&str>| Item {
            label: label.map(str::to_string),
            colon: label.is_some(),
            lines: vec![text.to_string()],
            numbers: vec![line],
        };
        match *kind {
            "=>" if case.follow_ups.is_empty() => case.answers.push(item(None)),
            "-" => case.comments.push(Comment { depth: 0, text: text.to_string(), quote: vec![], line }),
            label => case.follow_ups.push(item(Some(label))),
        }
    }
    case
}

fn status_of(lines: &[(&str, &str)]) -> Status {
    decide(&case(lines)).status
}

#[test]
fn definite_answers_are_resolved_without_confirmation() {
    let cases: [&[(&str, &str)]; 7] = [
        &[("=>", "キャッシュが原因です。ブラウザのキャッシュを削除してくださいと伝えました。")],
        &[("=>", "設定画面から再登録する手順をご案内しました。")],
        &[("=>", "学外からは使えない仕様であることをご説明し、VPN経由で使っていただくよう案内しています。")],
        &[("=>", "We explained that the quota is per account and told her to delete old files.")],
        &[("=>", "The user was advised to reinstall the client from the portal.")],
        &[("=>", "手順を案内した。"), ("-", "返事はまだないが、手順どおりなら問題ないはず。")],
        &[("=>", "公開範囲を変えていただいたところ、ほかの人からも見えるようになりました。")],
    ];
    for lines in cases {
        assert_eq!(status_of(lines), Status::Resolved, "{lines:?}");
    }
}

#[test]
fn guesses_without_a_reply_stay_unknown() {
    let cases: [&[(&str, &str)]; 4] = [
        &[
            ("=>", "古いドライバが原因かもしれないので、更新してみてはどうかとお伝えしました。"),
            ("-", "その後連絡なし。"),
        ],
        &[
            ("=>", "Perhaps the profile is corrupt; we suggested creating a new one."),
            ("-", "No reply so far."),
        ],
        &[("=>", "おそらく証明書の問題なので、再インストールをご提案しました。")],
        &[("=>", "どの端末で起きているか、詳しい状況を教えていただくようお願いしました。")],
    ];
    for lines in cases {
        assert_eq!(status_of(lines), Status::Unknown, "{lines:?}");
    }
}

#[test]
fn a_suggestion_to_try_is_a_guess_unless_it_says_why() {
    for lines in [
        &[("=>", "時間帯を変えて試していただくよう提案しましたが、その後の連絡はありません。")][..],
        &[
            ("=>", "宛先のドメインで止まっていないか確認していただくよう提案しました。"),
            ("-", "その後の連絡なし。"),
        ],
        &[("=>", "別のプリンターでも試してみていただくよう伝えた。")],
        &[("=>", "Suggested clearing the browser cache."), ("-", "No response since.")],
    ] {
        assert_eq!(status_of(lines), Status::Unknown, "{lines:?}");
    }
    for lines in [
        &[("=>", "ドライバーが古いため、更新していただくよう提案しました。")][..],
        &[("=>", "拡張機能を無効にして試していただくよう案内しました。"), ("結果", "提出できたとのこと。")],
        &[
            ("=>", "同期を止めて再開する方法をお伝えしました。"),
            ("結果", "ファイル名が原因で、名前を変えたら同期が終わった。"),
        ],
    ] {
        assert_eq!(status_of(lines), Status::Resolved, "{lines:?}");
    }
}

#[test]
fn hand_overs_and_later_answers() {
    assert_eq!(
        status_of(&[("=>", "こちらでは判断できないため、ネットワーク担当へ転送しました。")]),
        Status::Escalated
    );
    assert_eq!(
        status_of(&[
            ("=>", "We forwarded the logs to the network team."),
            ("-", "Still waiting for the team.")
        ]),
        Status::Escalated
    );
    assert_eq!(
        status_of(&[
            ("=>", "担当に回しました。"),
            ("=>", "担当者から、アカウントを再発行したとの回答がありました。"),
        ]),
        Status::Resolved
    );
    assert_eq!(
        status_of(&[
            ("=>", "Escalated to the licensing team."),
            ("=>", "The licensing team replied that the key was reissued.")
        ]),
        Status::Resolved
    );
    // Relaying an answer to the user is no hand-over.
    assert_eq!(
        status_of(&[("=>", "We told them to restart the router and forwarded this to the user.")]),
        Status::Resolved
    );
}

#[test]
fn still_failing_and_unclear_conclusions_are_unresolved() {
    let cases: [&[(&str, &str)]; 6] = [
        &[("=>", "再起動するよう案内しました。"), ("結果", "再起動しても同じエラーが出る。")],
        &[("=>", "We told them to clear the cache."), ("Result", "It still does not load.")],
        &[("=>", "設定を確認していただくよう伝えた。"), ("訴え", "それでもログインできない。")],
        &[("=>", "手順を案内しました。"), ("結論", "原因は分からなかった。")],
        &[("=>", "We walked them through the settings."), ("-", "Gave up in the end; it is not solved.")],
        &[("=>", "We told him to ask for access."), ("Result", "Still read-only after that.")],
    ];
    for lines in cases {
        assert_eq!(status_of(lines), Status::Unresolved, "{lines:?}");
    }
}

#[test]
fn a_cause_explained_is_a_definite_answer() {
    let cases: [&[(&str, &str)]; 6] = [
        &[("=>", "調べたところ、原因はプリンタードライバーの版が古いことでした。")],
        &[("=>", "ブラウザの拡張機能が原因だと判明しました。")],
        &[("=>", "ログを確認し、ライセンスの割り当て漏れと判明。")],
        &[("=>", "We checked the logs: the cause was an expired certificate.")],
        &[("=>", "It turned out that the mailbox was full.")],
        &[("=>", "端末を確認しました。"), ("原因", "パスワードの有効期限切れ")],
    ];
    for lines in cases {
        assert_eq!(status_of(lines), Status::Resolved, "{lines:?}");
    }
    let no_cause: [&[(&str, &str)]; 4] = [
        &[("=>", "ログを確認しましたが、原因は不明です。")],
        &[("=>", "We looked at it; the cause is unknown.")],
        &[("=>", "We looked at it, but the reason was not clear.")],
        &[("=>", "設定を確認しました。"), ("原因?(確証なし)", "古いキャッシュ")],
    ];
    for lines in no_cause {
        assert_ne!(status_of(lines), Status::Resolved, "{lines:?}");
    }
}

#[test]
fn a_new_problem_is_no_fix() {
    let decision = decide(&case(&[("続き", "今度は数分ごとにログアウトされるようになった。")]));
    assert_ne!(decision.status, Status::Resolved);
}

#[test]
fn hazu_and_should_mark_an_expectation_not_an_answer() {
    let cases: [&[(&str, &str)]; 5] = [
        &[("=>", "再起動すれば直るはずとお伝えしました。"), ("-", "その後連絡なし。")],
        &[("=>", "設定を変えたので、これで送れるようになったはずです。")],
        &[("=>", "We told her a restart should fix it."), ("-", "No reply.")],
        &[("=>", "We reset the password; it should be fixed now.")],
        &[("=>", "キャッシュを削除すれば表示されるはずなので、そうご案内しました。")],
    ];
    for lines in cases {
        assert_eq!(status_of(lines), Status::Unknown, "{lines:?}");
    }
    // An instruction (`you should …`) stays one.
    assert_eq!(status_of(&[("=>", "We told him he should restart the router.")]), Status::Resolved);
}

#[test]
fn the_reason_is_the_deciding_sentence_and_its_line() {
    let decision = decide(&case(&[
        ("=>", "起票しました。"),
        ("=>", "担当から回答があり、設定を変えるよう伝えました。"),
        ("-", "よくある。"),
    ]));
    assert_eq!(decision.status, Status::Resolved);
    let reason = decision.reason.unwrap_or_else(|| panic!("a reason"));
    assert_eq!(
        (reason.sentence.as_str(), reason.line),
        ("担当から回答があり、設定を変えるよう伝えました。", 3)
    );
    assert_eq!(decide(&case(&[("-", "よくある。")])).reason, None);
}
