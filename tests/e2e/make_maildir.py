#!/usr/bin/python3
"""make_maildir.py SAMPLES DIR: builds a Maildir of real-shaped messages with
Python's email package (an independent MIME writer), for t0710.

Prints one line per report attachment the Maildir holds, as
"<message file>|<attachment name>|<sha256>|<received epoch>", the truth the
test compares tonghop's import with.  Messages:

  1.rfc2231     Vietnamese file name, RFC 2231 (email's default); a
                Received: header whose date is the received time
  2.rfc2047     Vietnamese file name RFC 2047-encoded in the quoted
                parameter (as Outlook writes it), inside multipart/mixed
                nested in multipart/alternative; only Date:
  3.forwarded   a forwarded message (message/rfc822) carrying a CSV
  4.no-report   text only, no attachment
  5.duplicate   the same bytes as 1.rfc2231, delivered twice
  6.hostile     a report named ../../x.csv, and broken base64
"""
import email.policy
import hashlib
import os
import sys
from email.header import Header
from email.message import EmailMessage
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email import encoders
from email.utils import formataddr

samples, out = sys.argv[1], sys.argv[2]
for sub in ("new", "cur", "tmp"):
    os.makedirs(os.path.join(out, sub), exist_ok=True)
policy = email.policy.default.clone(linesep="\n")
truth = []


def read(name):
    with open(os.path.join(samples, name), "rb") as f:
        return f.read()


def deliver(name, data):
    with open(os.path.join(out, "new", name), "wb") as f:
        f.write(data)


def note(msg_file, att_name, data, received):
    truth.append(f"{msg_file}|{att_name}|{hashlib.sha256(data).hexdigest()}|{received}")


# 1: RFC 2231 name, Received: header (2022-10-20 08:00 +07:00 = 1666227600)
dongxoai = read("2022-10-18_UBND_DongXoai_bao_cao.csv")
m = EmailMessage(policy=policy)
m["Received"] = ("from mail.dongxoai.example (mail.dongxoai.example [192.0.2.10])"
                 " by mx.sgddt.binhphuoc.example (Postfix) with ESMTPS id 4F2A1B2C3D"
                 " for <tonghop@sgddt.binhphuoc.example>; Thu, 20 Oct 2022 08:00:00 +0700")
m["Received"] = "from pc by mail.dongxoai.example; Thu, 20 Oct 2022 00:30:00 +0000"
m["Date"] = "Wed, 19 Oct 2022 17:00:00 +0700"
m["From"] = "Văn thư Đồng Xoài <vanthu.dongxoai@binhphuoc.gov.vn>"
m["To"] = "tonghop@sgddt.binhphuoc.example"
m["Subject"] = "Báo cáo Tuần lễ học tập suốt đời - Đồng Xoài"
m.set_content("Kính gửi Sở GD&ĐT,\nĐơn vị gửi báo cáo đính kèm.\n")
m.add_attachment(dongxoai, maintype="text", subtype="csv",
                 filename="Báo cáo Đồng Xoài tuần lễ học tập.csv")
raw1 = m.as_bytes()
deliver("1.rfc2231", raw1)
note("1.rfc2231", "Báo cáo Đồng Xoài tuần lễ học tập.csv", dongxoai, 1666227600)

# 2: RFC 2047 name in multipart/mixed inside multipart/alternative, Date only
budang = read("2022-10-14_UBND_BuDang_bao_cao.csv")
outer = MIMEMultipart("alternative")
outer["Date"] = "Fri, 14 Oct 2022 15:45:00 +0700"   # 1665737100
outer["From"] = formataddr(("UBND huyện Bù Đăng", "vanthu.budang@binhphuoc.gov.vn"), "utf-8")
outer["To"] = "tonghop@sgddt.binhphuoc.example"
outer["Subject"] = Header("Gửi báo cáo tuần lễ", "utf-8").encode()
outer.attach(MIMEText("Xem tệp đính kèm.", "plain", "utf-8"))
inner = MIMEMultipart("mixed")
inner.attach(MIMEText("<p>Xem tệp đính kèm.</p>", "html", "utf-8"))
part = MIMEBase("application", "octet-stream")
part.set_payload(budang)
encoders.encode_base64(part)
name2 = "Báo cáo Bù Đăng.CSV"
part["Content-Disposition"] = 'attachment; filename="%s"' % Header(name2, "utf-8").encode()
inner.attach(part)
outer.attach(inner)
deliver("2.rfc2047", outer.as_bytes())
note("2.rfc2047", name2, budang, 1665737100)

# 3: a forwarded message carrying a CSV; the forward's Received: counts
binhlong = read("BC_tuan_le_HTSD_BinhLong.csv")
orig = EmailMessage(policy=policy)
orig["From"] = "Phòng GD Bình Long <pgd.binhlong@binhphuoc.gov.vn>"
orig["To"] = "vanthu.binhlong@binhphuoc.gov.vn"
orig["Subject"] = "Báo cáo"
orig["Date"] = "Mon, 10 Oct 2022 09:00:00 +0700"
orig.set_content("Báo cáo của Bình Long.")
orig.add_attachment(binhlong, maintype="text", subtype="csv", filename="BinhLong.csv")
fwd = EmailMessage(policy=policy)
fwd["Received"] = "from mx by mx.sgddt.binhphuoc.example; Tue, 11 Oct 2022 10:15:00 +0700"  # 1665458100
fwd["Date"] = "Tue, 11 Oct 2022 10:14:00 +0700"
fwd["From"] = "vanthu.binhlong@binhphuoc.gov.vn"
fwd["To"] = "tonghop@sgddt.binhphuoc.example"
fwd["Subject"] = "Fwd: Báo cáo"
fwd.set_content("Chuyển tiếp báo cáo.")
fwd.add_attachment(orig)
deliver("3.forwarded", fwd.as_bytes())
note("3.forwarded", "BinhLong.csv", binhlong, 1665458100)

# 4: no attachment
m = EmailMessage(policy=policy)
m["Date"] = "Tue, 11 Oct 2022 11:00:00 +0700"
m["From"] = "ai.do@example.com"
m["To"] = "tonghop@sgddt.binhphuoc.example"
m["Subject"] = "Hỏi về mẫu báo cáo"
m.set_content("Cho hỏi mẫu báo cáo ở đâu?")
deliver("4.no-report", m.as_bytes())

# 5: the first message delivered again
deliver("5.duplicate", raw1)
note("5.duplicate", "Báo cáo Đồng Xoài tuần lễ học tập.csv", dongxoai, 1666227600)

# 6: a name that climbs out of the folder, and broken base64
locninh = read("LocNinh_bao_cao.csv")
m = EmailMessage(policy=policy)
m["Date"] = "Wed, 12 Oct 2022 08:00:00 +0700"   # 1665536400
m["From"] = "vanthu.locninh@binhphuoc.gov.vn"
m["To"] = "tonghop@sgddt.binhphuoc.example"
m["Subject"] = "Báo cáo Lộc Ninh"
m.set_content("Đính kèm.")
m.add_attachment(locninh, maintype="text", subtype="csv", filename="../../x.csv")
m.add_attachment(b"a,b\n", maintype="text", subtype="csv", filename="broken.csv")
raw6 = m.as_bytes().replace(b"YSxiCg==", b"YS*xi!Cg==")
assert raw6 != m.as_bytes()
deliver("6.hostile", raw6)
note("6.hostile", "x.csv", locninh, 1665536400)

print("\n".join(truth))
