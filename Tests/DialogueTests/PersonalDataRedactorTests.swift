import Dialogue
import Testing

@Suite("PersonalDataRedactor")
struct PersonalDataRedactorTests {
    let redactor = PersonalDataRedactor(passwordCues: ["密码", "支付密码"], verificationCodeCues: ["验证码"])

    @Test("masks each kind of personal data", arguments: [
        ("我手机13812345678", "我手机[phone]", PersonalDataRedactor.Kind.phone),
        ("身份证11010119900307123X", "身份证[id_number]", .idNumber),
        ("卡号6222 0202 0000 1234 567", "卡号[card_number]", .cardNumber),
        ("验证码是 482913", "验证码是 [verification_code]", .verificationCode),
        ("支付密码：Abc!2345", "支付密码：[password]", .password),
        ("邮箱 a.b@example.com", "邮箱 [email]", .email),
    ])
    func masks(input: String, expected: String, kind: PersonalDataRedactor.Kind) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [kind])
    }

    @Test("leaves ordinary numbers and words alone", arguments: ["芝麻分600", "逾期3天了", "我忘记密码了", "验证码收不到"])
    func keeps(input: String) {
        #expect(redactor.redact(input).text == input)
    }
}
