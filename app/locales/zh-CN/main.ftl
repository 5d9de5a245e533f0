skip-to-content = 跳到主要内容
nav-label = 主导航
nav-settings = 设置
nav-partner-profile = 合作伙伴资料
language-switch-label = 语言
pending-working = 正在处理…
loading = 正在加载…
back-home = 返回主页

org-kind-tenant = 组织：
org-kind-partner = 合作伙伴组织：

sign-in = 登录
sign-out = 注销
sign-in-title = 登录 Partnerhub
field-email = 电子邮件
field-password = 密码

home-title = 管理合作伙伴关系
home-intro = 你可以与认证的解决方案提供商（合作伙伴）合作，为组织购买和管理产品和服务。
home-step-find = 管理员查找并联系合作伙伴。
home-step-invite = 合作伙伴向客户发送电子邮件邀请，以建立合作关系。
home-step-accept = 客户接受邀请，并开始与合作伙伴合作。
home-no-admin-role = 你必须是全局管理员或帐单管理员才能管理合作伙伴关系。

settings-title = 设置
settings-organization-profile = 组织资料
settings-admins = 管理员
organization-name = 名称
organization-domain = 主域
organization-country = 国家或地区
organization-size = 组织规模
column-name = 名称
column-email = 电子邮件
column-roles = 角色

partner-profile-title = 合作伙伴资料
partner-website = 网站
partner-contact = 联系方式
partner-locations = 服务地点
partner-sizes = 服务的组织规模
partner-services = 服务
partner-industries = 行业
partner-relationship-types = 提供的关系类型

role-global-admin = 全局管理员
role-billing-admin = 帐单管理员
role-helpdesk-admin = 技术支持管理员

relationship-reseller = 经销商
relationship-delegated-administrator = 委派管理员
relationship-reseller-and-delegated-administrator = 经销商&委派管理员
relationship-partner = 合作伙伴
relationship-advisor = 顾问
relationship-mpsa-partner = MPSA 合作伙伴
relationship-lob-partner = 业务线 (LOB) 合作伙伴

access-denied-title = 你无权访问此页面
access-needs-global-or-billing-admin = 你必须是客户组织的全局管理员或帐单管理员才能查看此页面。
access-needs-customer-admin = 你需要在客户组织中拥有管理员角色才能查看此页面。
access-needs-partner-agent = 你需要以合作伙伴组织的代理身份登录才能查看此页面。
access-signed-in-to = 你已登录到 { $organization }。

invalid-required = 此字段是必填字段。
invalid-too-long = 内容过长。
invalid-too-short = 内容过短：请至少使用 12 个字符。
invalid-email = 请输入电子邮件地址，例如 name@example.com。
invalid-domain = 请输入域，例如 contoso.com。
invalid-country = 请从列表中选择国家或地区。
invalid-size = 请从列表中选择组织规模。

error-validation = 某些字段需要你注意。
error-bad-request = 无法理解该请求。请重新加载页面后重试。
error-unauthorized = 请登录以继续。
error-invalid-credentials = 电子邮件或密码不正确。
error-forbidden-customer-admin = 你必须是全局管理员或帐单管理员才能执行此操作。
error-forbidden-partner-agent = 你必须是合作伙伴代理才能执行此操作。
error-not-found = 找不到页面
error-too-many-requests = 尝试次数过多。请等待几分钟后重试。
error-internal = 我们这边出了点问题。请稍后重试。
error-unreachable = 无法连接到服务器。请检查网络连接后重试。

nav-find-partner = 查找合作伙伴
nav-leads = 潜在客户
nav-contact-requests = 联系请求

find-partner-title = 查找合作伙伴
find-partner-intro = 输入位置，选择组织规模，为所需的服务类型添加关键字，然后选择"开始"。
search-country = 国家或地区
search-any-country = 任何国家或地区
search-region = 州或地区（可选）
search-city = 城市（可选）
search-size = 组织规模
search-any-size = 任何规模
size-employees = { $size } 名员工
search-keywords = 所需的服务
search-keywords-placeholder = 例如：云迁移、安全
search-go = 开始
results-count = 找到 { $count } 个合作伙伴
results-searched-for = 显示以下内容的结果：{ $terms }
results-empty = 没有与此搜索匹配的合作伙伴。请尝试减少关键字、换一种拼写，或选择任何规模或国家/地区。
results-choose = 选择
pager-label = 结果页
pager-previous = 上一页
pager-next = 下一页
pager-position = 第 { $page } 页，共 { $pages } 页
chosen-count = 已选择 { $count } 个提供商（最多 { $max } 个）
chosen-limit = 一次最多可以联系 { $max } 个提供商。
contact-selected = 联系所选提供商

contact-title = 联系所选提供商
contact-chosen = 你选择的提供商
contact-business-needs = 描述你的业务需求
contact-name = 联系人姓名
contact-phone = 电话（可选）
contact-company = 公司
contact-choose = 请选择…
contact-consent = 我同意所选提供商就我的请求与我联系。
contact-send = 发送
contact-sent-title = 你的请求已发送
contact-sent-intro = 以下提供商已收到你的请求，并将与你联系：
contact-search-again = 查找更多合作伙伴

contact-requests-title = 联系请求
contact-requests-empty = 你的组织尚未联系任何合作伙伴。
column-partner = 合作伙伴

leads-title = 潜在客户
leads-filter-status = 状态
leads-filter-all = 所有状态
leads-filter-apply = 筛选
leads-empty = 没有此状态的潜在客户。
leads-company = 公司
leads-status = 状态
leads-received = 收到时间
lead-status-new = 新
lead-status-contacted = 已联系
lead-status-invited = 已邀请
lead-status-closed = 已关闭
lead-title = 潜在客户
lead-back = 返回潜在客户
lead-mark-contacted = 标记为已联系
lead-mark-closed = 关闭潜在客户
lead-tenant-domain = 客户的域

invalid-malformed = 此值无效。
invalid-too-many-partners = 最多选择 10 个提供商。
invalid-consent = 请勾选此框以发送请求。
invalid-phone = 请输入电话号码，例如 +86 10 5555 0100。
invalid-partner-unknown = 所选提供商之一已不存在。请重新选择。
error-lead-status = 潜在客户不能回到该状态。
error-lead-changed = 其他人已更改此潜在客户。请重新加载页面。
lead-status-line = 状态：{ $status }
